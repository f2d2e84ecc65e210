package io.megapipeline.core.stage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends events to their topics through one Kafka channel ({@code pipeline-events}); the record key is
 * the prompt id, so one prompt's events stay in order on one partition. Sending blocks until the
 * broker has the record: callers run on worker threads.
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<String> emitter;

    EventPublisher(@Channel("pipeline-events") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publish(PipelineEvent event) {
        send(event.promptId(), event.artifact().topic(), EventCodec.toJson(event));
    }

    public void publish(FailureEvent event) {
        send(event.promptId(), Artifact.FAILURES_TOPIC, EventCodec.toJson(event));
    }

    public void publish(DeletionEvent event) {
        send(event.promptId(), DeletionEvent.TOPIC, EventCodec.toJson(event));
    }

    private void send(PromptId id, String topic, String json) {
        try {
            emitter.sendMessageAndAwait(Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(id.toString())
                    .withTopic(topic)
                    .build()));
        } catch (RuntimeException e) {
            throw new PublishFailedException("cannot send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The broker did not take the record (unreachable, timed out): a transient fault. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
