package io.megapipeline.load;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * Spoken prompts uploaded to the gateway on a ramp, each followed to the end: the group {@code prompt} is one
 * prompt from its upload until every stage is done, and fails when a stage fails or the prompt is not done in
 * time. The report's group charts show its duration (see gatling.conf); the end-to-end latencies are printed
 * at the end. Settings: a system property, else the environment variable, else the default.
 *
 * <pre>
 * loadtest.baseUrl        LOAD_TEST_BASE_URL        http://localhost:8080   the gateway
 * loadtest.prompts        LOAD_TEST_PROMPTS         30                      prompts uploaded in all
 * loadtest.rampSeconds    LOAD_TEST_RAMP_SECONDS    60                      spread over this time (0: all at once)
 * loadtest.pollMillis     LOAD_TEST_POLL_MILLIS     500                     how often a prompt is asked for
 * loadtest.timeoutSeconds LOAD_TEST_TIMEOUT_SECONDS 600                     a prompt not done by then fails
 * loadtest.samples        LOAD_TEST_SAMPLES         ../samples              the WAV files, taken in turn
 * </pre>
 */
public class PromptSimulation extends Simulation {

    private static final String BASE_URL = setting("baseUrl", "http://localhost:8080");
    private static final int PROMPTS = Integer.parseInt(setting("prompts", "30"));
    private static final Duration RAMP = Duration.ofSeconds(Long.parseLong(setting("rampSeconds", "60")));
    private static final Duration POLL = Duration.ofMillis(Long.parseLong(setting("pollMillis", "500")));
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.parseLong(setting("timeoutSeconds", "600")));
    private static final List<byte[]> SAMPLES = samples(Path.of(setting("samples", "../samples")));
    private static final Queue<Long> LATENCIES = new ConcurrentLinkedQueue<>();

    private static String setting(String name, String defaultValue) {
        String env = "LOAD_TEST_" + name.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT);
        return System.getProperty("loadtest." + name, System.getenv().getOrDefault(env, defaultValue));
    }

    private static List<byte[]> samples(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<byte[]> wavs = files.filter(f -> f.toString().endsWith(".wav")).sorted().map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            if (wavs.isEmpty()) {
                throw new IllegalStateException("no .wav file in " + dir.toAbsolutePath());
            }
            return wavs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the samples in " + dir.toAbsolutePath(), e);
        }
    }

    /** The samples in turn, one per prompt. */
    private static Iterator<Map<String, Object>> samplesInTurn() {
        AtomicInteger next = new AtomicInteger();
        return Stream.generate(() -> Map.<String, Object>of("wav",
                SAMPLES.get(next.getAndIncrement() % SAMPLES.size()))).iterator();
    }

    private static boolean finished(Session session) {
        return session.getBoolean("failed") || session.getInt("pending") == 0;
    }

    private final ScenarioBuilder prompts = scenario("prompts").feed(samplesInTurn()).group("prompt").on(
            exec(session -> session.set("start", System.nanoTime())),
            exec(http("upload").post("/api/prompts").header("Content-Type", "audio/wav")
                    .body(ByteArrayBody(session -> (byte[]) session.get("wav")))
                    .check(status().is(201), jsonPath("$.id").saveAs("id"))),
            doIf(session -> session.contains("id")).then(
                    exec(session -> session.set("failed", false).set("pending", -1)),
                    asLongAsDuring(session -> !finished(session), TIMEOUT).on(
                            pause(POLL),
                            exec(http("progress").get("/api/prompts/#{id}").check(
                                    jsonPath("$.failed").ofBoolean().saveAs("failed"),
                                    jsonPath("$.stages[?(@.state == 'pending')]").count().saveAs("pending")))),
                    // A failed stage, or a prompt still running at the time-out, fails the group.
                    exec(session -> {
                        if (session.getBoolean("failed") || !finished(session)) {
                            return session.markAsFailed();
                        }
                        LATENCIES.add((System.nanoTime() - session.getLong("start")) / 1_000_000);
                        return session;
                    })));

    /**
     * Gatling's assertions judge a group by the sum of its requests' times, not by its duration, so the
     * end-to-end latencies are also kept here and printed at the end.
     */
    @Override
    public void after() {
        List<Long> sorted = LATENCIES.stream().sorted().toList();
        System.out.printf("%nprompts: %d uploaded, %d completed, %d failed or not done in %d s%n", PROMPTS,
                sorted.size(), PROMPTS - sorted.size(), TIMEOUT.toSeconds());
        if (!sorted.isEmpty()) {
            System.out.printf("end-to-end latency (upload to last audio, polled every %d ms): p50 %d ms, p95 %d ms, "
                    + "max %d ms%n%n", POLL.toMillis(), percentile(sorted, 50), percentile(sorted, 95),
                    sorted.get(sorted.size() - 1));
        }
    }

    private static long percentile(List<Long> sorted, int percentile) {
        return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    {
        OpenInjectionStep injection = RAMP.isZero() ? atOnceUsers(PROMPTS) : rampUsers(PROMPTS).during(RAMP);
        setUp(prompts.injectOpen(injection)).protocols(http.baseUrl(BASE_URL).acceptHeader("application/json"))
                .maxDuration(RAMP.plus(TIMEOUT).plusSeconds(30))
                .assertions(details("prompt").successfulRequests().count().is((long) PROMPTS),
                        details("prompt").failedRequests().count().is(0L));
    }
}
