package io.megapipeline.monolith;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.stage.EventPublisher;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.core.store.StoredObject;
import io.quarkus.runtime.StartupEvent;

/**
 * What a broker would deliver again after a crash, the store tells the monolith. Its events live in memory and end
 * with the process, so at start-up every stage's input that has no output yet, of a prompt not deleted, is
 * announced again: the prompts that were in progress when the process ended go on from the last artifact they
 * reached. (One that had failed fails again, which gives the gateway its reason back.) Each stage's existence
 * check makes an input announced twice cost nothing.
 */
@ApplicationScoped
class ResumeInProgress {

    private static final Logger LOG = Logger.getLogger(ResumeInProgress.class);

    private final ObjectStore store;
    private final EventPublisher publisher;
    /** After start-up, so that every channel is wired when the first event goes out. */
    private final ExecutorService resuming = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "resume-in-progress");
        thread.setDaemon(true);
        return thread;
    });

    ResumeInProgress(ObjectStore store, EventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        resuming.submit(this::resume);
    }

    void resume() {
        try {
            Set<PromptId> deleted = store.list(DeletionEvent.MARKER_PREFIX).stream()
                    .map(o -> DeletionEvent.ofMarker(o.key())).collect(Collectors.toSet());
            Map<Artifact, Map<PromptId, StoredObject>> stored = new HashMap<>();
            for (Topology.Service service : Topology.SERVICES) {
                stored.put(service.output(), byPrompt(service.output()));
            }
            // Per input artifact, the prompts some consumer of it has not made its output for.
            Map<Artifact, Map<PromptId, StoredObject>> unfinished = new LinkedHashMap<>();
            for (Topology.Service stage : Topology.stages()) {
                Artifact input = stage.input().orElseThrow();
                stored.get(input).forEach((id, object) -> {
                    if (!deleted.contains(id) && !stored.get(stage.output()).containsKey(id)) {
                        unfinished.computeIfAbsent(input, a -> new LinkedHashMap<>()).put(id, object);
                    }
                });
            }
            int count = 0;
            for (Map.Entry<Artifact, Map<PromptId, StoredObject>> inputs : unfinished.entrySet()) {
                String producer = Topology.producerOf(inputs.getKey()).name();
                for (Map.Entry<PromptId, StoredObject> input : inputs.getValue().entrySet()) {
                    publisher.publish(PipelineEvent.of(input.getKey(), inputs.getKey(), producer, input.getValue().size()));
                    count++;
                }
            }
            if (count > 0) {
                LOG.infof("resumed %d prompts' artifacts left unprocessed by the last run: %s", count,
                        unfinished.entrySet().stream().map(e -> e.getValue().size() + " " + e.getKey())
                                .collect(Collectors.joining(", ")));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot resume the prompts left in progress: %s", e.getMessage());
        }
    }

    private Map<PromptId, StoredObject> byPrompt(Artifact artifact) {
        Map<PromptId, StoredObject> objects = new HashMap<>();
        for (StoredObject object : store.list(artifact.prefix())) {
            try {
                objects.put(artifact.promptIdOf(object.key()), object);
            } catch (IllegalArgumentException e) {
                LOG.warnf("skipped %s: %s", object.key(), e.getMessage());
            }
        }
        return objects;
    }

    @PreDestroy
    void close() {
        resuming.shutdownNow();
    }
}
