package io.megapipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the application under test at a real S3 server (S3Proxy in its own process). */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    private static S3Server server;

    /** The server of this JVM's tests, for tests that stop and restart it. */
    public static synchronized S3Server server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("mega-pipeline-s3");
                server = new S3Server(ServerProcess.freePort(), dir.resolve("data"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            S3Server started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.kill();
                deleteTree(started.logFile().getParent());
            }));
        }
        server.start();
        return server;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    @Override
    public Map<String, String> start() {
        S3Server s3 = server();
        return Map.of(
                "pipeline.store.endpoint", s3.endpoint(),
                "pipeline.store.access-key", S3Server.ACCESS_KEY,
                "pipeline.store.secret-key", S3Server.SECRET_KEY);
    }

    @Override
    public void stop() {
        // one server serves every test class of the JVM; it stops with the JVM
    }
}
