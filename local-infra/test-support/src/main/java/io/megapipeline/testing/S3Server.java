package io.megapipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real S3 server: S3Proxy with its filesystem backend, in its own JVM and on its own class path
 * (it needs a newer Jackson than Quarkus manages). Objects live under the data directory and
 * survive restarts.
 */
public final class S3Server extends ServerProcess {

    /** Development credentials for local runs and tests only; deployments take theirs from a Secret. */
    public static final String ACCESS_KEY = "minioadmin";
    public static final String SECRET_KEY = "minioadmin";

    /** S3Proxy logs every request at DEBUG without a configuration; warnings are enough here. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="out"/></root>
            </configuration>
            """;

    public S3Server(int port, Path dataDir) {
        super(port, dataDir);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    protected String name() {
        return "S3 server on port " + port;
    }

    @Override
    protected List<String> javaArguments() throws IOException {
        Path properties = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + dataDir.toAbsolutePath(),
                ""));
        Path logback = dataDir.resolveSibling(dataDir.getFileName() + "-logback.xml");
        Files.writeString(logback, LOGBACK);
        return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback,
                "-cp", ProjectRoot.serverClassPath("s3-server"),
                "org.gaul.s3proxy.Main", "--properties", properties.toString());
    }

    /** Runs a server in the foreground: {@code S3Server PORT DATA_DIR}. */
    public static void main(String[] args) throws InterruptedException {
        S3Server server = new S3Server(Integer.parseInt(args[0]), Path.of(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.start();
        System.out.println("S3 server ready at " + server.endpoint());
        Thread.currentThread().join();
    }
}
