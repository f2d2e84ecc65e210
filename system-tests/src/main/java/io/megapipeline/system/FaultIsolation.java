package io.megapipeline.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How far a fault in one stage reaches, tried for real on a running stack ({@code ./mega-pipeline compare} runs it
 * in each mode), on translate-text, the first stage of the French branch only:
 * <ol>
 * <li>its engine fails on every prompt: the process that runs it (translate-text, or the monolith) is started again
 * with {@code TRANSLATE_MAX_CHARS=5}, so the translator refuses every paragraph, and prompts are uploaded; then the
 * usual settings are restored;
 * <li>its process is killed (SIGKILL) while it works on prompts and started again; the prompts have two minutes to
 * finish.
 * </ol>
 * Each reports what became of the prompts (both audios, the English one only, failed and why, where the others
 * wait) and how long the gateway did not answer meanwhile. Prints the results and writes them as JSON.
 * Arguments: {@code GATEWAY_URL STATE_DIR SAMPLES_DIR LAUNCHER [--mode microservices|monolith] [--out FILE]}.
 */
public final class FaultIsolation {

    static final String STAGE = "translate-text";
    /** translate.max-chars: a text longer than this is refused, and every paragraph is longer than 5 characters. */
    private static final Map<String, String> REFUSING = Map.of("TRANSLATE_MAX_CHARS", "5");
    private static final int FAILING_PROMPTS = 4;
    private static final int KILLED_PROMPTS = 6;
    private static final Duration SETTLE = Duration.ofMinutes(2);
    /** While the stage stays idle this long, a few more prompts are uploaded to catch it at work. */
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final Duration BUSY_WITHIN = Duration.ofSeconds(60);

    /**
     * The engine failing on every prompt: what became of the prompts, what the restarts took, and the seconds one
     * prompt took through the pipeline once the usual settings were back (null if it did not finish both audios).
     */
    record EngineFailing(String process, String setting, PromptTally prompts, double restartSeconds,
            double restoreSeconds, Double restoredPromptSeconds, double gatewayDownSeconds) {
    }

    /**
     * The process killed while it worked: the prompts in the stage's hands then (its in-flight metric), where the
     * prompts stood just after, what became of them, and the seconds from the kill until every prompt had both
     * audios (null if not within two minutes).
     */
    record ProcessKilled(String process, int inFlightAtKill, PromptTally atKill, PromptTally after,
            double restartSeconds, Double secondsUntilAllComplete, double gatewayDownSeconds) {
    }

    record Result(String mode, String stage, EngineFailing engineFailing, ProcessKilled processKilled) {
    }

    private final Stack stack;
    private final List<byte[]> samples;
    private final LauncherCommand launcher;
    private final String process;

    private FaultIsolation(Stack stack, List<byte[]> samples, LauncherCommand launcher) {
        this.stack = stack;
        this.samples = samples;
        this.launcher = launcher;
        this.process = stack.processOf(STAGE);
    }

    public static void main(String[] args) throws Exception {
        ToolArguments arguments = ToolArguments.parse(args, 4, "FaultIsolation GATEWAY_URL STATE_DIR SAMPLES_DIR "
                + "LAUNCHER [--mode microservices|monolith] [--out FILE]");
        Stack stack = arguments.stack();
        FaultIsolation faults = new FaultIsolation(stack, Benchmark.samples(arguments.path(2)),
                new LauncherCommand(arguments.path(3)));
        System.out.println("fault isolation in the " + stack.mode.label() + ": " + STAGE + "'s engine failing on "
                + "every prompt...");
        EngineFailing failing = faults.engineFailing();
        System.out.println("fault isolation in the " + stack.mode.label() + ": " + faults.process
                + " killed while it works...");
        ProcessKilled killed = faults.processKilled();
        Result result = new Result(stack.mode.label(), STAGE, failing, killed);
        Path out = Path.of(arguments.option("--out", stack.state.resolve("faults.json").toString()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        print(result);
        System.out.println("written to " + out);
    }

    // 1. The engine refuses every prompt.

    private EngineFailing engineFailing() throws Exception {
        try (GatewayWatch watch = GatewayWatch.start(stack.gateway)) {
            double restart = launcher.restart(process, REFUSING);
            GatewayClient client = new GatewayClient(stack.gateway.toString());
            List<String> ids = upload(client, FAILING_PROMPTS);
            List<JsonNode> end = awaitSettled(client, ids, Instant.now().plus(SETTLE));
            double restore = launcher.restart(process, Map.of());
            return new EngineFailing(process, setting(), PromptTally.of(end), restart, restore, onePrompt(client),
                    watch.downSeconds());
        }
    }

    private static String setting() {
        return REFUSING.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).findFirst().orElseThrow();
    }

    // 2. The process is killed while it works.

    private ProcessKilled processKilled() throws Exception {
        GatewayClient client = new GatewayClient(stack.gateway.toString());
        try (GatewayWatch watch = GatewayWatch.start(stack.gateway)) {
            List<String> ids = upload(client, KILLED_PROMPTS);
            int inFlight = awaitBusy(client, ids);
            Instant killed = Instant.now();
            kill();
            PromptTally atKill = stack.isMonolith() ? null : PromptTally.of(listed(client, ids));
            long start = System.nanoTime();
            launcher.run(Map.of(), "start", process);
            double restart = (System.nanoTime() - start) / 1e9;
            if (atKill == null) {
                // The gateway died with the monolith; what it lists after the restart comes from the store, which
                // holds what was made before the kill.
                atKill = PromptTally.of(listed(client, ids));
            }
            List<JsonNode> end = awaitSettled(client, ids, killed.plus(SETTLE));
            return new ProcessKilled(process, inFlight, atKill, PromptTally.of(end), restart,
                    untilAllComplete(end, killed), watch.downSeconds());
        }
    }

    /**
     * SIGKILL at once, as the launcher's {@code stop --kill} sends it but without the time its script takes to
     * start, so the stage still has the prompts it works on; then {@code stop --kill} records the process as
     * stopped, so that the supervisor leaves its start to this tool.
     */
    private void kill() throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(stack.pid(process));
        if (handle.isPresent()) {
            handle.get().destroyForcibly();
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        }
        launcher.run(Map.of(), "stop", process, "--kill");
    }

    /** Waits until the stage works on a prompt, uploading a few more while it stays idle; returns how many. */
    private int awaitBusy(GatewayClient client, List<String> ids) throws IOException {
        ServiceClient service = stack.service(STAGE);
        Instant deadline = Instant.now().plus(BUSY_WITHIN);
        Instant idleSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            int busy = (int) service.metrics().get("pipeline_stage_in_flight", "stage", STAGE);
            if (busy > 0) {
                return busy;
            }
            if (Instant.now().isAfter(idleSince.plus(IDLE))) {
                ids.addAll(upload(client, 2));
                idleSince = Instant.now();
            }
            Benchmark.sleep(20);
        }
        return 0;
    }

    // Helpers.

    /** The seconds one prompt takes to both audios, or null if it does not get there within two minutes. */
    private Double onePrompt(GatewayClient client) throws IOException {
        Instant start = Instant.now();
        List<String> id = upload(client, 1);
        List<JsonNode> end = awaitSettled(client, id, start.plus(SETTLE));
        return untilAllComplete(end, start);
    }

    private List<String> upload(GatewayClient client, int count) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(client.upload(samples.get(i % samples.size())));
        }
        return ids;
    }

    /** The prompts once every one is settled, or as they are at the deadline; a gateway that is down is waited for. */
    private static List<JsonNode> awaitSettled(GatewayClient client, List<String> ids, Instant deadline)
            throws IOException {
        List<JsonNode> prompts = List.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                prompts = listed(client, ids);
                if (prompts.size() == ids.size() && prompts.stream().allMatch(PromptTally::settled)) {
                    return prompts;
                }
            } catch (IOException e) {
                // the gateway is starting again
            }
            Benchmark.sleep(500);
        }
        return prompts;
    }

    /** The gateway's view of these prompts. */
    private static List<JsonNode> listed(GatewayClient client, List<String> ids) throws IOException {
        Set<String> wanted = Set.copyOf(ids);
        return client.prompts().stream().filter(p -> wanted.contains(p.path("id").asText())).toList();
    }

    private static Double untilAllComplete(List<JsonNode> prompts, Instant killed) {
        Instant last = killed;
        for (JsonNode prompt : prompts) {
            Optional<Instant> done = PromptTally.bothAudiosAt(prompt);
            if (done.isEmpty()) {
                return null;
            }
            last = done.get().isAfter(last) ? done.get() : last;
        }
        return Duration.between(killed, last).toMillis() / 1000.0;
    }

    private static void print(Result r) {
        EngineFailing f = r.engineFailing();
        System.out.printf(Locale.ROOT, "  %s, engine failing (%s): %s; restart %.1f s, restore %.1f s, then one "
                + "prompt %s s, gateway down %.1f s%n", r.mode(), f.setting(), describe(f.prompts()), f.restartSeconds(),
                f.restoreSeconds(), f.restoredPromptSeconds(), f.gatewayDownSeconds());
        ProcessKilled k = r.processKilled();
        System.out.printf(Locale.ROOT, "  %s, %s killed with %d in flight: at the kill %s; after %s; restart %.1f s, "
                + "all complete %s, gateway down %.1f s%n", r.mode(), k.process(), k.inFlightAtKill(),
                describe(k.atKill()), describe(k.after()), k.restartSeconds(),
                k.secondsUntilAllComplete() == null ? "not within " + SETTLE.toSeconds() + " s"
                        : k.secondsUntilAllComplete() + " s after the kill", k.gatewayDownSeconds());
    }

    static String describe(PromptTally t) {
        return String.format(Locale.ROOT, "%d prompts: %d both audios, %d English only, %d failed, %d waiting%s%s",
                t.prompts(), t.bothAudios(), t.englishOnly(), t.failed(), t.waiting(),
                t.waitingAt().isEmpty() ? "" : " (at " + t.waitingText() + ")",
                t.reasons().isEmpty() ? "" : " (" + t.reasonsText() + ")");
    }
}
