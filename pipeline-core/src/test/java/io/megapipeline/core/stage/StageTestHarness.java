package io.megapipeline.core.stage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestClient;

/**
 * Plays a stage's neighbours in a test against a real broker and object store: stores an input
 * object and announces it, as the stage before would, then waits for the stage's output event or
 * its failure event. Shared by the services through pipeline-core's test-jar.
 */
public final class StageTestHarness implements AutoCloseable {

    /** How long every wait lasts at the most. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final ObjectStore store;
    private final KafkaTestClient kafka;

    public StageTestHarness(ObjectStore store, String bootstrapServers) {
        this.store = store;
        this.kafka = new KafkaTestClient(bootstrapServers);
    }

    /** Stores the payload as the input artifact of a new prompt and announces it from the producer. */
    public PromptId submit(Artifact input, String producer, byte[] payload) {
        PromptId id = PromptId.generate();
        submit(id, input, producer, payload);
        return id;
    }

    /** Stores the payload as the input artifact of the given prompt and announces it from the producer. */
    public void submit(PromptId id, Artifact input, String producer, byte[] payload) {
        store.put(input.key(id), payload, input.contentType());
        announce(id, input, producer, payload.length);
    }

    /** Announces the artifact of the prompt on its topic, whether or not it is stored. */
    public void announce(PromptId id, Artifact artifact, String producer, long size) {
        send(artifact, id, EventCodec.toJson(PipelineEvent.of(id, artifact, producer, size)));
    }

    /** Sends a record of the prompt with any value, e.g. an invalid event, on the artifact's topic. */
    public void send(Artifact artifact, PromptId id, String value) {
        kafka.send(artifact.topic(), id.toString(), value);
    }

    /** The first event of the prompt on the output artifact's topic. */
    public PipelineEvent awaitOutput(Artifact output, PromptId id) {
        return awaitOutputs(output, id, 1).get(0);
    }

    /** The events of the prompt on the output artifact's topic, once there are {@code count} of them. */
    public List<PipelineEvent> awaitOutputs(Artifact output, PromptId id, int count) {
        return kafka.awaitAll(output.topic(), r -> isOf(id, r), count, WAIT).stream()
                .map(r -> EventCodec.parseEvent(r.value())).toList();
    }

    /** The first failure event of the prompt. */
    public FailureEvent awaitFailure(PromptId id) {
        return EventCodec.parseFailure(kafka.await(Artifact.FAILURES_TOPIC, r -> isOf(id, r), WAIT).value());
    }

    /** The first failure event of each of the prompts, once every one has failed. */
    public Map<PromptId, FailureEvent> awaitFailures(Collection<PromptId> ids) {
        Set<String> awaited = new HashSet<>();
        ids.forEach(id -> awaited.add(id.toString()));
        Set<String> seen = new HashSet<>();
        // Only the first record of each prompt matches, so the count is reached when all have failed.
        List<ConsumerRecord<String, String>> records = kafka.awaitAll(Artifact.FAILURES_TOPIC,
                r -> awaited.contains(r.key()) && seen.add(r.key()), awaited.size(), WAIT);
        Map<PromptId, FailureEvent> failures = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            FailureEvent failure = EventCodec.parseFailure(record.value());
            failures.put(failure.promptId(), failure);
        }
        return failures;
    }

    /** Every failure event of the prompt after waiting {@code settle}: for asserting that there is none. */
    public List<FailureEvent> failuresWithin(PromptId id, Duration settle) {
        return kafka.collect(Artifact.FAILURES_TOPIC, r -> isOf(id, r), settle).stream()
                .map(r -> EventCodec.parseFailure(r.value())).toList();
    }

    /** The stored object as UTF-8 text. */
    public String text(String key) {
        return new String(store.get(key), StandardCharsets.UTF_8);
    }

    private static boolean isOf(PromptId id, ConsumerRecord<String, String> record) {
        return id.toString().equals(record.key());
    }

    @Override
    public void close() {
        kafka.close();
    }
}
