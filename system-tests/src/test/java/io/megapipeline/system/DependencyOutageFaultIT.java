package io.megapipeline.system;

import static io.megapipeline.system.FaultStack.figure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker and the store going away mid-run: the Kafka broker is killed and started again, then the
 * S3 server is stopped for 20 s. Every service reports not ready (503) while a dependency is down and
 * ready again once it is back; the pipeline resumes by itself and every prompt completes.
 */
@ExtendWith(FaultStack.class)
class DependencyOutageFaultIT {

    private static final int PROMPTS = 30;
    private static final Duration STORE_OUTAGE = Duration.ofSeconds(20);

    @Test
    void everyPromptCompletesAfterABrokerRestartAndAStoreOutage() throws Exception {
        long start = System.nanoTime();
        List<String> ids = FaultStack.upload(PROMPTS);
        FaultStack.awaitBusy("generate-text", Duration.ofSeconds(60)); // prompts are past the first stage

        ProcessHandle kafka = FaultStack.process("kafka");
        long down = System.nanoTime();
        kafka.destroyForcibly();
        kafka.onExit().get(30, TimeUnit.SECONDS);
        double notReady = awaitReadiness(503, Duration.ofSeconds(60), down);
        long restart = System.nanoTime();
        Launcher.run(Duration.ofMinutes(2), "start", "kafka");
        double ready = awaitReadiness(200, Duration.ofMinutes(2), restart);
        figure("outage: broker killed; every service not ready after %.1f s; broker down %.1f s; every service "
                + "ready %.1f s after the restart", notReady, (restart - down) / 1e9, ready);

        down = System.nanoTime();
        Launcher.run(Duration.ofMinutes(1), "stop", "s3");
        notReady = awaitReadiness(503, Duration.ofSeconds(60), down);
        Thread.sleep(Math.max(0, STORE_OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
        restart = System.nanoTime();
        Launcher.run(Duration.ofMinutes(2), "start", "s3");
        ready = awaitReadiness(200, Duration.ofMinutes(2), restart);
        figure("outage: store stopped; every service not ready after %.1f s; store down %.1f s; every service "
                + "ready %.1f s after the restart", notReady, (restart - down) / 1e9, ready);

        FaultStack.Outcome outcome = FaultStack.awaitOutcome(ids, Duration.ofMinutes(5));
        figure("outage: prompts in flight %d, prompts completed %d, failure events %d, duplicate events seen %d, %.0f s",
                PROMPTS, outcome.completed(), outcome.failures(), outcome.duplicateEvents(), (System.nanoTime() - start) / 1e9);
        assertEquals(PROMPTS, outcome.completed(), "every prompt complete after the outages");
        assertEquals(0, outcome.failures(), "no prompt failed");
    }

    /**
     * Waits until every service's readiness check answers the status (503: not ready, 200: ready) and
     * returns the seconds since {@code since}.
     */
    private static double awaitReadiness(int status, Duration timeout, long since) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> statuses = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            FaultStack.SERVICES.forEach((service, port) -> statuses.put(service, FaultStack.readiness(port)));
            if (statuses.values().stream().allMatch(s -> s == status)) {
                return (System.nanoTime() - since) / 1e9;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness never became " + status + " everywhere within " + timeout.toSeconds()
                + " s: " + statuses);
    }
}
