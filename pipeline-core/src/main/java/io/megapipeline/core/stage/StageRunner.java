package io.megapipeline.core.stage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;

import org.jboss.logging.Logger;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.InvalidEventException;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.stage.EventPublisher.PublishFailedException;
import io.megapipeline.core.store.ObjectNotFoundException;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.core.store.StoreUnavailableException;
import io.megapipeline.core.store.StoredObject;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The processing skeleton of every stage. For one input event: validate it; if the output already
 * exists (a redelivery), announce it again and stop; otherwise read the input object (already stated
 * and asked for while the output's existence was checked; one larger than {@code pipeline.stage.max-input-size}
 * is refused unread), run the engine, write the output object and send the next event. The caller's Kafka offset is committed
 * only when this returns, so a crash at any point means the event is processed again (at-least-once),
 * and the existence check makes that cheap and idempotent.
 *
 * <p>
 * Bad input becomes a failure event at once. Transient faults of the store or the broker are retried
 * with backoff; when the retries run out the prompt fails with the reason, so no partition blocks forever.
 *
 * <p>
 * On shutdown (SIGTERM) the stage takes no new prompt and gives the prompts in progress up to
 * {@code pipeline.stage.shutdown-grace} to finish and announce their output, so their offsets are
 * committed; records taken but not started are never acknowledged and come back after the restart.
 *
 * <p>
 * One runner serves every stage of its application: a stage service has one, the monolith five. Each call
 * names its stage, whose name goes into the events and the metrics.
 */
@ApplicationScoped
public class StageRunner {

    /** The worker pool that stage processors run on; its max-concurrency bounds the prompts in flight. */
    public static final String WORKERS = "pipeline-stage";

    private static final Logger LOG = Logger.getLogger(StageRunner.class);

    private final ObjectStore store;
    private final EventPublisher publisher;
    private final MeterRegistry registry;
    private final Map<String, StageMetrics> metricsByStage = new ConcurrentHashMap<>();
    /** Prompts in progress in all the stages, which shutdown waits for. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final TransientFaultRetry storeRetry;
    private final TransientFaultRetry brokerRetry;
    private final TransientFaultRetry engineRetry;
    private final Duration shutdownGrace;
    private final long maxInputSize;
    /** Never counted down: records taken during shutdown wait on it until their worker is interrupted. */
    private final CountDownLatch exit = new CountDownLatch(1);
    private volatile boolean stopping;
    /** Reads inputs beside the worker that checks for the output; as many threads as reads at once. */
    private final ExecutorService reader = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stage-input-reader");
        thread.setDaemon(true);
        return thread;
    });

    StageRunner(ObjectStore store, EventPublisher publisher, StageConfig config, MeterRegistry registry) {
        this.store = store;
        this.publisher = publisher;
        this.storeRetry = new TransientFaultRetry(StoreUnavailableException.class, config);
        this.brokerRetry = new TransientFaultRetry(PublishFailedException.class, config);
        this.engineRetry = new TransientFaultRetry(EngineBusyException.class, config);
        this.registry = registry;
        this.shutdownGrace = config.shutdownGrace();
        this.maxInputSize = config.maxInputSize().asLongValue();
    }

    /** Processes one record of the stage's input topic; returns when the outcome is stored and announced. */
    public void process(String record, Topology.Service stage, Transformation transformation) {
        if (stopping) {
            holdUntilExit(stage.name());
        }
        Artifact input = stage.input().orElseThrow(() -> new IllegalArgumentException(stage.name() + " has no input"));
        StageMetrics metrics = metricsByStage.computeIfAbsent(stage.name(), name -> new StageMetrics(registry, name));
        PipelineEvent event;
        try {
            event = EventCodec.parseEvent(record);
            if (event.artifact() != input) {
                throw new InvalidEventException("an event of " + event.artifact() + " on the topic of " + input, null);
            }
        } catch (InvalidEventException e) {
            metrics.malformedEvents.increment();
            LOG.warnf("skipping a record that is not a valid %s event: %s", input, e.getMessage());
            EventCodec.salvagePromptId(record).ifPresent(id -> fail(stage.name(), id, null, e.getMessage(), false));
            return;
        }
        metrics.eventLag.record(Duration.between(event.time(), Instant.now()));
        metrics.inFlight.incrementAndGet();
        inFlight.incrementAndGet();
        long start = System.nanoTime();
        try {
            handle(stage.name(), metrics, event, stage.output(), transformation);
        } finally {
            inFlight.decrementAndGet();
            metrics.inFlight.decrementAndGet();
            metrics.duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void handle(String stage, StageMetrics metrics, PipelineEvent in, Artifact output,
            Transformation transformation) {
        Instant taken = Instant.now(); // the output's event says when its input was taken and how long the engine ran
        PromptId id = in.promptId();
        String outputKey = output.key(id);
        // The input is read while the output's existence and the prompt's deletion marker are checked: a first
        // delivery, the usual case, needs all three.
        // A short text comes inside its event; anything else is read from the store.
        Future<byte[]> reading = in.text() != null
                ? CompletableFuture.completedFuture(in.text().getBytes(StandardCharsets.UTF_8))
                : reader.submit(() -> read(stage, metrics, in.key()));
        String marker = DeletionEvent.markerKey(id);
        Future<Boolean> deleted = reader.submit(() -> storeRetry.call("stat " + marker,
                () -> store.stat(marker).isPresent()));
        try {
            Optional<StoredObject> existing = storeRetry.call("stat " + outputKey,
                    () -> metrics.storeStat.record(() -> store.stat(outputKey)));
            if (await(deleted)) {
                // Deleted by a person while in the pipeline: nothing more of it is made.
                LOG.infof("%s: prompt %s was deleted; its %s is not made", stage, id, output);
                metrics.dropped.increment();
                return;
            }
            if (existing.isPresent()) {
                // Done before (a redelivery after a crash): only the event may be missing.
                emit(metrics, PipelineEvent.of(id, output, stage, existing.get().size(), taken, null));
                metrics.reused.increment();
                return;
            }
            byte[] input = await(reading);
            long engineStart = System.nanoTime();
            byte[] result = runEngine(id, in.key(), input, transformation);
            long engineNanos = System.nanoTime() - engineStart;
            metrics.engineDuration.record(engineNanos, TimeUnit.NANOSECONDS);
            storeRetry.run("write " + outputKey,
                    () -> metrics.storeWrite.record(() -> store.put(outputKey, result, output.contentType())));
            emit(metrics, PipelineEvent.of(id, output, stage, result.length, taken,
                    TimeUnit.NANOSECONDS.toMillis(engineNanos)).carrying(result));
            metrics.computed.increment();
        } catch (ObjectNotFoundException e) {
            reject(stage, metrics, in, "the input " + in.key() + " is not in the object store");
        } catch (RejectedInputException e) {
            reject(stage, metrics, in, e.getMessage());
        } catch (TransientFaultRetry.ExhaustedException e) {
            metrics.exhausted.increment();
            fail(stage, id, in.key(), e.getMessage(), true);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // shutting down: leave the offset uncommitted, the event comes back
            }
            // An engine fault on this input (a poison input): fail the prompt, keep the partition moving.
            LOG.errorf(e, "%s failed on %s", stage, in.key());
            metrics.rejected.increment();
            fail(stage, id, in.key(), stage + " could not process this input: " + e, false);
        } finally {
            reading.cancel(true); // a read still running is not needed any more
            deleted.cancel(true);
        }
    }

    /** The input object, stated first so that one too large is never read into the heap. */
    private byte[] read(String stage, StageMetrics metrics, String key) throws RejectedInputException {
        StoredObject object = storeRetry.call("stat " + key, () -> metrics.storeStat.record(() -> store.stat(key)))
                .orElseThrow(() -> new ObjectNotFoundException(key));
        if (object.size() > maxInputSize) {
            throw new RejectedInputException(RejectedInputException.Kind.TOO_LARGE, String.format(Locale.ROOT,
                    "the input %s is %.1f MB; %s reads at most %.1f MB", key, object.size() / 1048576.0, stage,
                    maxInputSize / 1048576.0));
        }
        return storeRetry.call("read " + key, () -> metrics.storeRead.record(() -> store.get(key)));
    }

    /** The engine on one input; one that is busy is tried again with backoff, like the store and the broker. */
    private byte[] runEngine(PromptId id, String inputKey, byte[] input, Transformation transformation)
            throws RejectedInputException {
        try {
            return engineRetry.call("run the engine on " + inputKey, () -> {
                try {
                    return transformation.apply(id, input);
                } catch (RejectedInputException e) {
                    throw new Rejection(e);
                }
            });
        } catch (Rejection e) {
            throw e.rejected;
        }
    }

    /** Carries bad input out of a retried call, which takes no checked exception. */
    private static final class Rejection extends RuntimeException {
        final RejectedInputException rejected;

        Rejection(RejectedInputException rejected) {
            super(rejected.getMessage(), null, false, false);
            this.rejected = rejected;
        }
    }

    /** What a reader thread got (the input, whether the prompt is deleted), or what it failed with (not found, too large, retries run out). */
    private static <T> T await(Future<T> reading) throws RejectedInputException {
        try {
            return reading.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedInputException rejected) {
                throw rejected;
            }
            throw e.getCause() instanceof RuntimeException fault ? fault : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the input", e);
        }
    }

    @PreDestroy
    void close() {
        reader.shutdownNow();
    }

    private void reject(String stage, StageMetrics metrics, PipelineEvent in, String reason) {
        metrics.rejected.increment();
        LOG.infof("%s refused %s: %s", stage, in.key(), reason);
        fail(stage, in.promptId(), in.key(), reason, false);
    }

    private void emit(StageMetrics metrics, PipelineEvent event) {
        brokerRetry.run("send " + event.key(), () -> metrics.publish.record(() -> publisher.publish(event)));
    }

    /**
     * Announces a failure. It is the prompt's last word, so it is retried until the broker takes it: giving
     * up would throw out of the processor, which stops the channel while the process stays up.
     */
    private void fail(String stage, PromptId id, String inputKey, String reason, boolean retryable) {
        FailureEvent failure = FailureEvent.of(id, stage, inputKey, reason, retryable);
        while (true) {
            try {
                brokerRetry.run("send failure of " + id, () -> publisher.publish(failure));
                return;
            } catch (TransientFaultRetry.ExhaustedException e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    throw e; // shutting down: the offset stays uncommitted and the event comes back
                }
                LOG.errorf("%s: the failure of %s is still not published (%s); trying again", stage, id, e.getMessage());
            }
        }
    }

    /** Runs before the Kafka connector closes, which then commits the offsets of the finished prompts. */
    void onShutdown(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        stopping = true;
        long start = System.nanoTime();
        long deadline = start + shutdownGrace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = inFlight.get();
        String stages = String.join(", ", metricsByStage.keySet());
        if (left > 0) {
            LOG.warnf("%s: %d prompts still in progress after %d ms; they are processed again after the restart",
                    stages, left, shutdownGrace.toMillis());
        } else {
            LOG.infof("%s: prompts in progress finished in %d ms; taking no more", stages,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * A record that arrives while the stage shuts down is neither processed nor acknowledged: its worker
     * waits here until the worker pool is stopped, and the record comes back after the restart.
     */
    private void holdUntilExit(String stage) {
        try {
            exit.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(stage + " is shutting down; the record is left for the next start");
    }
}
