package io.megapipeline.core.stage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.store.ObjectStore;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Plays a stage's neighbours in a test against a real broker and object store: stores an input
 * object and announces it, as the stage before would, then waits for the stage's output event or
 * its failure event. Kafka goes through SmallRye's {@link KafkaCompanion}; every wait reads its topic
 * from the beginning in a consumer group of its own. Shared by the services through pipeline-core's
 * test-jar.
 */
public final class StageTestHarness implements AutoCloseable {

    /** How long every wait lasts at the most. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final ObjectStore store;
    private final KafkaCompanion kafka;

    public StageTestHarness(ObjectStore store, String bootstrapServers) {
        this.store = store;
        this.kafka = new KafkaCompanion(bootstrapServers, Duration.ofSeconds(30));
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

    /** Announces the artifact of the prompt on its topic, whether or not it is stored; returns the event sent. */
    public PipelineEvent announce(PromptId id, Artifact artifact, String producer, long size) {
        PipelineEvent event = PipelineEvent.of(id, artifact, producer, size);
        send(artifact, id, EventCodec.toJson(event));
        return event;
    }

    /** Sends a record of the prompt with any value, e.g. an invalid event, on the artifact's topic. */
    public void send(Artifact artifact, PromptId id, String value) {
        send(artifact.topic(), id, value);
    }

    /** Sends a record of the prompt on any topic. */
    public void send(String topic, PromptId id, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, id.toString(), value)).awaitCompletion(WAIT);
    }

    /** The first event of the prompt on the output artifact's topic. */
    public PipelineEvent awaitOutput(Artifact output, PromptId id) {
        return awaitOutputs(output, id, 1).get(0);
    }

    /** The events of the prompt on the output artifact's topic, once there are {@code count} of them. */
    public List<PipelineEvent> awaitOutputs(Artifact output, PromptId id, int count) {
        return await(output.topic(), r -> isOf(id, r), count).stream()
                .map(r -> EventCodec.parseEvent(r.value())).toList();
    }

    /** The first failure event of the prompt. */
    public FailureEvent awaitFailure(PromptId id) {
        return EventCodec.parseFailure(await(Artifact.FAILURES_TOPIC, r -> isOf(id, r), 1).get(0).value());
    }

    /** The first failure event of each of the prompts, once every one has failed. */
    public Map<PromptId, FailureEvent> awaitFailures(Collection<PromptId> ids) {
        Set<String> awaited = new HashSet<>();
        ids.forEach(id -> awaited.add(id.toString()));
        Set<String> seen = new HashSet<>();
        // Only the first record of each prompt matches, so the count is reached when all have failed.
        List<ConsumerRecord<String, String>> records = await(Artifact.FAILURES_TOPIC,
                r -> awaited.contains(r.key()) && seen.add(r.key()), awaited.size());
        Map<PromptId, FailureEvent> failures = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            FailureEvent failure = EventCodec.parseFailure(record.value());
            failures.put(failure.promptId(), failure);
        }
        return failures;
    }

    /** Every failure event of the prompt after waiting {@code settle}: for asserting that there is none. */
    public List<FailureEvent> failuresWithin(PromptId id, Duration settle) {
        try (ConsumerTask<String, String> task = consume(Artifact.FAILURES_TOPIC, r -> isOf(id, r))) {
            KafkaCompanion.sleep(settle);
            return task.getRecords().stream().map(r -> EventCodec.parseFailure(r.value())).toList();
        }
    }

    /**
     * The consumer group, once one of its members is assigned a partition of the topic: for checking in
     * which group a stage consumes.
     */
    public ConsumerGroupDescription awaitConsumerGroup(String group, String topic) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ConsumerGroupDescription description = null;
        while (System.nanoTime() < deadline) {
            if (kafka.consumerGroups().list().stream().anyMatch(g -> g.groupId().equals(group))) {
                description = kafka.consumerGroups().describe(group);
                if (description.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                        .anyMatch(p -> p.topic().equals(topic))) {
                    return description;
                }
            }
            KafkaCompanion.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("no member of consumer group " + group + " reads " + topic + " within " + WAIT
                + ": " + description);
    }

    /** The stored object as UTF-8 text. */
    public String text(String key) {
        return new String(store.get(key), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
            int count) {
        try (ConsumerTask<String, String> task = consume(topic, match)) {
            return task.awaitRecords(count, WAIT).getRecords();
        }
    }

    /** The matching records of the topic, from its beginning, in a consumer group of their own. */
    private ConsumerTask<String, String> consume(String topic, Predicate<ConsumerRecord<String, String>> match) {
        return kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .fromTopics(topic, records -> records.filter(match));
    }

    private static boolean isOf(PromptId id, ConsumerRecord<String, String> record) {
        return id.toString().equals(record.key());
    }

    @Override
    public void close() {
        kafka.close();
    }
}
