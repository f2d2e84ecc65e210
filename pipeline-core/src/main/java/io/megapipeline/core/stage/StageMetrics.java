package io.megapipeline.core.stage;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The Prometheus metrics every stage exposes under /q/metrics. */
final class StageMetrics {

    final Counter computed;
    final Counter reused;
    final Counter dropped;
    final Counter rejected;
    final Counter exhausted;
    final Counter malformedEvents;
    final Timer duration;
    final Timer engineDuration;
    final Timer eventLag;
    final Timer storeStat;
    final Timer storeRead;
    final Timer storeWrite;
    final Timer publish;
    final AtomicInteger inFlight = new AtomicInteger();

    StageMetrics(MeterRegistry registry, String stage) {
        computed = Counter.builder("pipeline.stage.processed").tag("stage", stage).tag("outcome", "computed")
                .description("prompts whose output this stage computed and stored").register(registry);
        reused = Counter.builder("pipeline.stage.processed").tag("stage", stage).tag("outcome", "reused")
                .description("redelivered prompts whose output already existed").register(registry);
        dropped = Counter.builder("pipeline.stage.processed").tag("stage", stage).tag("outcome", "deleted")
                .description("prompts deleted while in the pipeline, whose output was not made").register(registry);
        rejected = Counter.builder("pipeline.stage.failed").tag("stage", stage).tag("retryable", "false")
                .description("prompts failed for bad input").register(registry);
        exhausted = Counter.builder("pipeline.stage.failed").tag("stage", stage).tag("retryable", "true")
                .description("prompts failed after transient faults outlasted the retries").register(registry);
        malformedEvents = Counter.builder("pipeline.stage.malformed.events").tag("stage", stage)
                .description("records that were not valid events").register(registry);
        duration = Timer.builder("pipeline.stage.duration").tag("stage", stage)
                .description("time from taking an event to sending the next one").register(registry);
        engineDuration = Timer.builder("pipeline.stage.engine.duration").tag("stage", stage)
                .description("time spent in the engine").register(registry);
        eventLag = Timer.builder("pipeline.stage.event.lag").tag("stage", stage)
                .description("time from the input event's creation to this stage taking it").register(registry);
        storeStat = store(registry, stage, "stat");
        storeRead = store(registry, stage, "read");
        storeWrite = store(registry, stage, "write");
        publish = Timer.builder("pipeline.stage.publish.duration").tag("stage", stage)
                .description("time until the broker has the next event").register(registry);
        registry.gauge("pipeline.stage.in.flight", io.micrometer.core.instrument.Tags.of("stage", stage), inFlight);
    }

    private static Timer store(MeterRegistry registry, String stage, String operation) {
        return Timer.builder("pipeline.stage.store.duration").tag("stage", stage).tag("operation", operation)
                .description("time of one object-store call (stat, read or write)").register(registry);
    }
}
