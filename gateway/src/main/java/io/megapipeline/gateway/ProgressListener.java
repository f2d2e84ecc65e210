package io.megapipeline.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.InvalidEventException;
import io.megapipeline.core.PipelineEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Every artifact topic and the failure topic, through one channel ({@code pipeline-progress}). Each
 * replica has its own consumer group, so each sees every event and keeps its view and its SSE
 * subscribers current. A record that is not a valid event is logged and skipped. The time from each
 * event's creation to its arrival here is the metric {@code gateway_event_lag_seconds{topic}}.
 */
@ApplicationScoped
public class ProgressListener {

    private static final Logger LOG = Logger.getLogger(ProgressListener.class);

    private final PromptCatalog catalog;
    private final Progress progress;
    private final MeterRegistry registry;

    ProgressListener(PromptCatalog catalog, Progress progress, MeterRegistry registry) {
        this.catalog = catalog;
        this.progress = progress;
        this.registry = registry;
    }

    /** Blocking, in order: a prompt uploaded through another replica has its owner read from the store once. */
    @Incoming("pipeline-progress")
    @Blocking
    public CompletionStage<Void> onRecord(Message<String> message) {
        // A Kafka record's topic; in the monolith, the topic the event was sent to, passed on in memory.
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic)
                .or(() -> message.getMetadata(OutgoingKafkaRecordMetadata.class).map(OutgoingKafkaRecordMetadata::getTopic))
                .orElse("");
        try {
            if (topic.equals(DeletionEvent.TOPIC)) {
                DeletionEvent deletion = EventCodec.parseDeletion(message.getPayload());
                String owner = catalog.ownerOf(deletion.promptId());
                if (catalog.deleted(deletion.promptId())) {
                    progress.deleted(deletion.promptId(), owner); // deleted through another replica
                }
            } else if (topic.equals(Artifact.FAILURES_TOPIC)) {
                FailureEvent failure = EventCodec.parseFailure(message.getPayload());
                if (catalog.apply(failure)) {
                    progress.failure(failure, catalog.ownerOf(failure.promptId()));
                }
            } else {
                PipelineEvent event = EventCodec.parseEvent(message.getPayload());
                if (!event.artifact().topic().equals(topic)) {
                    throw new InvalidEventException("a " + event.artifact() + " event on topic " + topic, null);
                }
                registry.timer("gateway.event.lag", "topic", topic).record(Duration.between(event.time(), Instant.now()));
                if (catalog.apply(event)) {
                    progress.artifact(event, catalog.ownerOf(event.promptId()));
                }
            }
        } catch (InvalidEventException e) {
            LOG.warnf("skipped a record on %s: %s", topic, e.getMessage());
        }
        return message.ack();
    }
}
