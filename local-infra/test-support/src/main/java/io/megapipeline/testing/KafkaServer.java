package io.megapipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A standalone KRaft broker ({@code kafka.Kafka}, broker and controller in one process), as the local
 * stack runs it. The log directory is formatted on first start and kept across restarts.
 */
public final class KafkaServer extends ServerProcess {

    private final int controllerPort;
    private final int partitions;

    public KafkaServer(int port, int controllerPort, Path dataDir, int partitions) {
        super(port, dataDir);
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    protected String name() {
        return "Kafka broker on port " + port;
    }

    @Override
    protected List<String> javaArguments() throws IOException {
        Path properties = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.toAbsolutePath(),
                "num.partitions=" + partitions,
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        String classPath = ProjectRoot.serverClassPath("kafka-server");
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(classPath, properties);
        }
        return List.of("-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath, "kafka.Kafka", properties.toString());
    }

    private void format(String classPath, Path properties) throws IOException {
        Process format = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        try {
            if (format.waitFor() != 0) {
                throw new IOException("formatting " + dataDir + " failed; see " + logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Runs a broker in the foreground: {@code KafkaServer PORT CONTROLLER_PORT DATA_DIR [PARTITIONS]}. */
    public static void main(String[] args) throws InterruptedException {
        KafkaServer server = new KafkaServer(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]),
                args.length > 3 ? Integer.parseInt(args[3]) : 4);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.start();
        System.out.println("Kafka broker ready at " + server.bootstrapServers());
        Thread.currentThread().join();
    }
}
