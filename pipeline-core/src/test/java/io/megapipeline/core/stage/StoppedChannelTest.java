package io.megapipeline.core.stage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A stage whose input channel has stopped (here an Error that no code handles) reports itself not live,
 * so that Kubernetes and the launcher restart it, and once it has stayed so for
 * {@code pipeline.stage.exit-when-not-live-for} its {@link LivenessWatchdog} ends the process, so that a
 * Compose restart policy starts it again too. Here the exit is recorded instead of ending the test's JVM.
 */
@QuarkusTest
@TestProfile(StoppedChannelTest.CrashingEngine.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class StoppedChannelTest {

    static final Duration NOT_LIVE_LIMIT = Duration.ofSeconds(2);

    public static class CrashingEngine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("uppercase.crash-on", "crash the channel",
                    "pipeline.stage.exit-when-not-live-for", NOT_LIVE_LIMIT.toMillis() + "ms");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RecordedExit.class);
        }
    }

    /** Records the watchdog's exit instead of ending the process (read through methods: it is a client proxy). */
    @Alternative
    @ApplicationScoped
    public static class RecordedExit extends LivenessWatchdog.ProcessExit {
        private final CountDownLatch called = new CountDownLatch(1);
        private volatile String reason;
        private volatile long calledAt;

        @Override
        public void exit(String reason) {
            this.calledAt = System.nanoTime();
            this.reason = reason;
            called.countDown();
        }

        /** The reason given, or null while the exit is not called. */
        String reason() {
            return reason;
        }

        /** When the exit was called (System.nanoTime), once it is, within the timeout; else -1. */
        long awaitCall(Duration timeout) throws InterruptedException {
            return called.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? calledAt : -1;
        }
    }

    @Inject
    ObjectStore store;

    @Inject
    LivenessWatchdog.ProcessExit exit;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aStoppedChannelMakesTheStageNotLiveAndThenEndsIt() throws Exception {
        RecordedExit recorded = (RecordedExit) exit;
        // Live for longer than the limit: no exit.
        Instant liveUntil = Instant.now().plus(NOT_LIVE_LIMIT).plus(LivenessWatchdog.PERIOD.multipliedBy(2));
        while (Instant.now().isBefore(liveUntil)) {
            given().get("/q/health/live").then().statusCode(200);
            Thread.sleep(200);
        }
        assertNull(recorded.reason(), "the watchdog exited a live service");

        try (StageTestHarness stage = new StageTestHarness(store, bootstrapServers)) {
            stage.submit(Artifact.TEXT_PROMPTS, "test", "crash the channel".getBytes(StandardCharsets.UTF_8));
            Instant deadline = Instant.now().plus(StageTestHarness.WAIT);
            int status;
            while ((status = given().get("/q/health/live").statusCode()) == 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            long notLiveAt = System.nanoTime();
            assertEquals(503, status, "liveness after the channel stopped");
            String body = given().get("/q/health/live").asString();
            assertTrue(body.contains("text-prompts"), body);
            assertNull(recorded.reason(), "the watchdog exited at once, not after " + NOT_LIVE_LIMIT);

            long exitAt = recorded.awaitCall(NOT_LIVE_LIMIT.plusSeconds(10));
            assertTrue(exitAt != -1, "no exit within 10 s after the limit of " + NOT_LIVE_LIMIT);
            long millis = (exitAt - notLiveAt) / 1_000_000;
            System.out.printf("[watchdog] exit %d ms after liveness was seen down (limit %d ms, checked every %d ms)%n",
                    millis, NOT_LIVE_LIMIT.toMillis(), LivenessWatchdog.PERIOD.toMillis());
            // Liveness was seen down a poll and a request after it went down; the watchdog looks once a period.
            assertTrue(millis >= NOT_LIVE_LIMIT.toMillis() - 500, "exited after only " + millis + " ms");
            assertTrue(millis <= NOT_LIVE_LIMIT.plus(LivenessWatchdog.PERIOD).toMillis() + 2000,
                    "exited only after " + millis + " ms");
            assertTrue(recorded.reason().contains("text-prompts"), recorded.reason());
        }
    }
}
