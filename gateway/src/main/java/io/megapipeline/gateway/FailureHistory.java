package io.megapipeline.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.InvalidEventException;

/**
 * The failures of the past. The object store holds artifacts, not failure reasons, so at start-up
 * the gateway reads the pipeline-failures topic once from the beginning (no consumer group, nothing
 * committed) and a restarted gateway still shows why a prompt failed, as long as the topic keeps it.
 */
@ApplicationScoped
class FailureHistory {

    private static final Logger LOG = Logger.getLogger(FailureHistory.class);

    private final String bootstrapServers;
    private final Duration timeout;
    private final boolean noBroker;

    FailureHistory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, GatewayConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = config.failureReplayTimeout();
        this.noBroker = config.inProcess();
    }

    /** Hands every failure event on the topic to the sink; returns how many it read. */
    int replay(Consumer<FailureEvent> sink) {
        if (noBroker) {
            LOG.info("no broker (the monolith): the reasons of failures before this start are not kept");
            return 0;
        }
        int count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()),
                new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Artifact.FAILURES_TOPIC, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return 0; // no stage has failed a prompt yet
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        sink.accept(EventCodec.parseFailure(record.value()));
                        count++;
                    } catch (InvalidEventException e) {
                        LOG.debugf("skipped an invalid failure record: %s", e.getMessage());
                    }
                }
            }
        } catch (KafkaException e) {
            LOG.warnf("cannot replay %s (%s); past failure reasons show once stages report them again",
                    Artifact.FAILURES_TOPIC, e.getMessage());
        }
        return count;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
