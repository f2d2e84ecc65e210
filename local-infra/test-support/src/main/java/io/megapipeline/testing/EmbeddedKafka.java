package io.megapipeline.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real KRaft broker inside the test JVM (Kafka's own test kit), one per JVM. */
public final class EmbeddedKafka {

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
