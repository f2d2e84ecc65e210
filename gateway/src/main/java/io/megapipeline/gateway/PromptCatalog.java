package io.megapipeline.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.store.ObjectNotFoundException;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.core.store.StoreUnavailableException;
import io.megapipeline.core.store.StoredObject;
import io.megapipeline.gateway.PromptView.StageView;
import io.megapipeline.gateway.PromptView.State;
import io.quarkus.runtime.StartupEvent;

/**
 * What the gateway knows of every prompt, in memory: there is no database. It is rebuilt at start-up
 * from the object store (one listing per artifact folder) and the failure topic, then kept current
 * by the pipeline's events. A prompt is listed once its uploaded audio exists; it shows to its owner
 * (see {@link Owners}), or to everyone in class mode.
 */
@ApplicationScoped
public class PromptCatalog {

    private static final Logger LOG = Logger.getLogger(PromptCatalog.class);
    private static final int MAX_TEXT_BYTES = 64 * 1024;

    private final ObjectStore store;
    private final FailureHistory failureHistory;
    private final NavigableMap<PromptId, PromptRecord> prompts = new ConcurrentSkipListMap<>();
    /** Prompts deleted by a person, from their markers: what arrives of them afterwards is removed, not listed. */
    private final Set<PromptId> deleted = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    PromptCatalog(ObjectStore store, FailureHistory failureHistory) {
        this.store = store;
        this.failureHistory = failureHistory;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureLoaded();
        } catch (StoreUnavailableException e) {
            LOG.warnf("cannot rebuild the prompt list yet (%s); trying again on the next request", e.getMessage());
        }
    }

    /** Rebuilds the view from the store once; a store that is down now is tried again on the next call. */
    public void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            for (StoredObject object : store.list(DeletionEvent.MARKER_PREFIX)) {
                try {
                    deleted.add(DeletionEvent.ofMarker(object.key()));
                } catch (IllegalArgumentException e) {
                    LOG.debugf("ignored a foreign object %s", object.key());
                }
            }
            int objects = 0;
            for (Artifact artifact : Artifact.values()) {
                for (StoredObject object : store.list(artifact.prefix())) {
                    try {
                        PromptId id = artifact.promptIdOf(object.key());
                        if (deleted.contains(id)) {
                            store.delete(object.key()); // written after its deletion: removed now
                            continue;
                        }
                        // the store knows no timings: when the stage took its input, how long its engine ran
                        record(id).done(artifact, new PromptRecord.Done(
                                object.lastModified() != null ? object.lastModified() : id.createdAt(), object.size(),
                                null, null));
                        objects++;
                    } catch (IllegalArgumentException e) {
                        LOG.debugf("ignored a foreign object %s", object.key());
                    }
                }
            }
            for (StoredObject object : store.list(Owners.PREFIX)) {
                Owners.parse(object.key()).ifPresent(owned -> own(owned.id(), owned.owner()));
            }
            int failures = failureHistory.replay(this::apply);
            loaded = true;
            LOG.infof("prompt list rebuilt: %d prompts from %d objects and %d failure events", size(), objects, failures);
        }
    }

    /** Applies an artifact's event; false for a deleted prompt, whose artifact is then removed from the store. */
    public boolean apply(PipelineEvent event) {
        if (deleted.contains(event.promptId())) {
            store.delete(event.key());
            return false;
        }
        PromptRecord record = record(event.promptId());
        record.done(event.artifact(),
                new PromptRecord.Done(event.time(), event.size(), event.taken(), event.engineMillis()));
        if (event.text() != null) {
            record.texts.putIfAbsent(event.artifact(), event.text()); // no need to read it from the store
        }
        return true;
    }

    /** Each listed prompt's artifacts and their sizes (the monolith resumes from them after a restart). */
    public Map<PromptId, Map<Artifact, Long>> artifacts() {
        ensureLoaded();
        Map<PromptId, Map<Artifact, Long>> all = new LinkedHashMap<>();
        prompts.forEach((id, record) -> {
            Map<Artifact, Long> sizes = new EnumMap<>(Artifact.class);
            record.snapshot().done().forEach((artifact, done) -> sizes.put(artifact, done.size()));
            all.put(id, sizes);
        });
        return all;
    }

    /** Applies a failure; false for a deleted prompt. */
    public boolean apply(FailureEvent event) {
        if (deleted.contains(event.promptId())) {
            return false;
        }
        record(event.promptId()).fail(event);
        return true;
    }

    /** Forgets a deleted prompt for good, here or on another replica; whether it was listed here. */
    public boolean deleted(PromptId id) {
        deleted.add(id);
        return prompts.remove(id) != null;
    }

    public boolean isDeleted(PromptId id) {
        return deleted.contains(id);
    }

    /** Records the owner of a prompt uploaded here, before its first event. */
    public void own(PromptId id, String owner) {
        record(id).owner = owner;
    }

    /**
     * The owner of a prompt, or {@link Owners#NOBODY}. One uploaded through another replica since this one
     * started has its owner read from the store once.
     */
    public String ownerOf(PromptId id) {
        PromptRecord record = prompts.get(id);
        if (record != null && record.owner != null) {
            return record.owner;
        }
        String owner = store.list(Owners.prefix(id)).stream().flatMap(o -> Owners.parse(o.key()).stream())
                .map(Owners.Owned::owner).findFirst().orElse(Owners.NOBODY);
        if (record != null) {
            record.owner = owner;
        }
        return owner;
    }

    /** Whether the viewer sees the prompt: it is listed, and the viewer's own or every prompt shows. */
    public boolean isVisible(PromptId id, Viewer viewer) {
        return contains(id) && viewer.sees(ownerOf(id));
    }

    public boolean contains(PromptId id) {
        PromptRecord record = prompts.get(id);
        return record != null && record.isListed();
    }

    public Optional<PromptView> find(PromptId id, Viewer viewer) {
        ensureLoaded();
        PromptRecord record = prompts.get(id);
        return record != null && record.isListed() && viewer.sees(ownerOf(id)) ? Optional.of(view(record))
                : Optional.empty();
    }

    /** A page of the viewer's prompts, newest first (ids sort by creation time). */
    public PromptView.Page page(int page, int size, Viewer viewer) {
        ensureLoaded();
        List<PromptRecord> listed = prompts.descendingMap().values().stream()
                .filter(r -> r.isListed() && viewer.sees(ownerOf(r.id))).toList();
        List<PromptView> items = listed.stream().skip((long) page * size).limit(size).map(this::view).toList();
        return new PromptView.Page(page, size, listed.size(), items);
    }

    /**
     * Per stage, the prompts in flight there: its input has arrived, its output has neither arrived nor failed.
     * Counts over every prompt, whoever owns it (numbers only).
     */
    public Map<String, Integer> inFlight() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Topology.stages().forEach(stage -> counts.put(stage.name(), 0));
        for (PromptRecord record : prompts.values()) {
            PromptRecord.Snapshot s = record.snapshot();
            for (Topology.Service stage : Topology.stages()) {
                if (s.done().containsKey(stage.input().orElseThrow()) && !s.done().containsKey(stage.output())
                        && !s.failures().containsKey(stage.output())) {
                    counts.merge(stage.name(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    int size() {
        return (int) prompts.values().stream().filter(PromptRecord::isListed).count();
    }

    private PromptRecord record(PromptId id) {
        return prompts.computeIfAbsent(id, PromptRecord::new);
    }

    private PromptView view(PromptRecord record) {
        PromptRecord.Snapshot s = record.snapshot();
        List<StageView> stages = new ArrayList<>();
        boolean failed = false;
        Instant last = null;
        for (Artifact artifact : Artifact.values()) {
            PromptRecord.Done done = s.done().get(artifact);
            FailureEvent failure = s.failures().get(artifact);
            if (done != null) {
                Double seconds = Topology.producerOf(artifact).input().map(s.done()::get)
                        .map(in -> seconds(in.time(), done.time())).orElse(null);
                stages.add(new StageView(artifact.artifactName(), Topology.producerOf(artifact).name(), State.done, done.time(),
                        seconds, done.taken(), done.engineMillis(), done.size(),
                        artifact.isAudio() ? null : text(record, artifact),
                        artifact.isAudio() ? audioUrl(record.id, artifact) : null, null, null));
                last = last == null || done.time().isAfter(last) ? done.time() : last;
            } else if (failure != null) {
                failed = true;
                stages.add(new StageView(artifact.artifactName(), Topology.producerOf(artifact).name(), State.failed,
                        failure.time(), null, null, null, null, null, null, failure.reason(), failure.retryable()));
            } else {
                stages.add(new StageView(artifact.artifactName(), Topology.producerOf(artifact).name(), State.pending,
                        null, null, null, null, null, null, null, null, null));
            }
        }
        PromptRecord.Done input = s.done().get(Artifact.INPUT_AUDIOS);
        Double total = input == null || last == null ? null : seconds(input.time(), last);
        return new PromptView(record.id.toString(), record.id.createdAt(), stages, failed, total);
    }

    static String audioUrl(PromptId id, Artifact artifact) {
        return "/api/prompts/" + id + "/audio/" + artifact.artifactName();
    }

    private static Double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis()) / 1000.0;
    }

    /** A text artifact, read once: outputs never change once written. */
    private String text(PromptRecord record, Artifact artifact) {
        return record.texts.computeIfAbsent(artifact, a -> {
            try {
                byte[] bytes = store.get(a.key(record.id));
                int length = Math.min(bytes.length, MAX_TEXT_BYTES);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            } catch (ObjectNotFoundException | StoreUnavailableException e) {
                return null; // shown without its text now, read again next time
            }
        });
    }

    /** One prompt's known artifacts and failures; guarded by its own lock. */
    static final class PromptRecord {

        /** An artifact's arrival; {@code taken} and {@code engineMillis} as its event had them, or null. */
        record Done(Instant time, long size, Instant taken, Long engineMillis) {
        }

        record Snapshot(Map<Artifact, Done> done, Map<Artifact, FailureEvent> failures) {
        }

        final PromptId id;
        private final Map<Artifact, Done> done = new EnumMap<>(Artifact.class);
        private final Map<Artifact, FailureEvent> failures = new EnumMap<>(Artifact.class);
        final Map<Artifact, String> texts = new java.util.concurrent.ConcurrentHashMap<>();
        /** A digest of the owner's token, {@link Owners#NOBODY}, or null while not known yet. */
        volatile String owner;

        PromptRecord(PromptId id) {
            this.id = id;
        }

        synchronized void done(Artifact artifact, Done arrival) {
            done.putIfAbsent(artifact, arrival); // the first report is the real time
            failures.remove(artifact); // a retry that succeeded
        }

        synchronized void fail(FailureEvent failure) {
            Artifact artifact = Topology.service(failure.stage()).map(Topology.Service::output).orElseGet(this::firstMissing);
            if (!done.containsKey(artifact)) {
                failures.put(artifact, failure);
            }
        }

        private Artifact firstMissing() {
            for (Artifact a : Artifact.values()) {
                if (!done.containsKey(a)) {
                    return a;
                }
            }
            return Artifact.OUTPUT_AUDIOS;
        }

        /** Events for a prompt can come before its upload's own event (other topics); list it once uploaded. */
        synchronized boolean isListed() {
            return done.containsKey(Artifact.INPUT_AUDIOS);
        }

        synchronized Snapshot snapshot() {
            return new Snapshot(new EnumMap<>(done), failures.isEmpty() ? Map.of() : new EnumMap<>(failures));
        }
    }
}
