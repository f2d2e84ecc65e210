package io.megapipeline.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real KRaft broker inside the test JVM (Kafka's own test kit), one per JVM. */
public final class EmbeddedKafka {

    /**
     * The pipeline's topics (pipeline-core's {@code Topology.topics()}, which a test there compares with this
     * list), made before any test runs: a topic that the first record creates can leave an idempotent producer
     * retrying its first batch without end (NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE_NUMBER).
     */
    public static final List<String> PIPELINE_TOPICS = List.of("input-audios", "text-prompts", "text-paragraphs",
            "text-audios", "text-translated", "output-audios", "pipeline-failures", "prompt-deletions");
    private static final int PARTITIONS = 4;

    private static KafkaClusterTestKit cluster;

    private EmbeddedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            // The broker halts the JVM on a log-directory error; at JVM exit Kafka's own hook
            // deletes its temporary directories while the broker may still run, and a halt then
            // would fail the whole test run. A test JVM reports broker faults through the tests.
            Exit.setHaltProcedure((status, message) -> { });
            Exit.setExitProcedure((status, message) -> { });
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedKafka::close));
        }
        return cluster.bootstrapServers();
    }

    private static KafkaClusterTestKit start() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "4")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers()))) {
                admin.createTopics(PIPELINE_TOPICS.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList())
                        .all().get(60, TimeUnit.SECONDS);
            }
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker", e);
        }
    }

    private static synchronized void close() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
