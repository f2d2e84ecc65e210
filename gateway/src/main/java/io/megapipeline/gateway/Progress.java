package io.megapipeline.gateway;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The progress stream that every SSE subscriber of this replica shares. Each message is the event's
 * own JSON plus {@code topic} and {@code kind} ({@code artifact}, {@code failure} or {@code deleted}); each
 * subscriber gets those of the prompts it sees.
 */
@ApplicationScoped
public class Progress {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message and the owner of its prompt. */
    private record Message(String owner, String json) {
    }

    private final BroadcastProcessor<Message> processor = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();

    Progress(MeterRegistry registry) {
        registry.gauge("gateway.sse.subscribers", subscribers);
    }

    public void artifact(PipelineEvent event, String owner) {
        emit(EventCodec.toJson(event), event.artifact().topic(), "artifact", owner);
    }

    public void failure(FailureEvent event, String owner) {
        emit(EventCodec.toJson(event), io.megapipeline.core.Artifact.FAILURES_TOPIC, "failure", owner);
    }

    /** A prompt deleted through this replica, so open pages drop its row. */
    public void deleted(PromptId id, String owner) {
        ObjectNode node = JSON.createObjectNode().put("kind", "deleted").put("promptId", id.toString());
        processor.onNext(new Message(owner, node.toString()));
    }

    /** The viewer's messages from now on; a subscriber too slow to keep up loses messages, not the others. */
    public Multi<String> stream(Viewer viewer) {
        return processor.onOverflow().drop().filter(m -> viewer.sees(m.owner())).map(Message::json)
                .onSubscription().invoke(() -> subscribers.incrementAndGet())
                .onTermination().invoke(() -> subscribers.decrementAndGet());
    }

    private void emit(String eventJson, String topic, String kind, String owner) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(eventJson);
            node.put("topic", topic).put("kind", kind);
            processor.onNext(new Message(owner, node.toString()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e); // our own JSON
        }
    }
}
