package io.megapipeline.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.megapipeline.core.Artifact;

/**
 * The user's docker-compose.yml with the user's images, in a Docker engine of the test's own: the base image made
 * from Debian's packages, all seven images built from a cold cache, the stack brought up (Kafka and MinIO replaced
 * by the local stack's broker and S3 server, see docker-compose.local-infra.yml), then a prompt through the
 * frontend, a stage scaled to two replicas, a stage redeployed and a stage crashed while prompts are in flight;
 * last, the monolith's image on docker-compose.monolith.yml, with prompts through the same frontend.
 * Prints each figure on a line starting with {@code [containers]}. Run with -Pcontainers (docs/testing.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainersIT {

    static final Path ROOT = Launcher.ROOT;
    static final Path SCRIPTS = ROOT.resolve("system-tests/src/test/containers");
    static final Path WORK = ROOT.resolve("system-tests/target/containers");
    static final Path ENGINE = WORK.resolve("engine");
    static final String PROJECT = "mega-pipeline-containers";
    static final List<String> IMAGES = List.of("gateway", "transcribe-audio", "generate-text", "synthesis-audio-en",
            "translate-text", "synthesis-audio", "frontend");
    static final Map<String, Integer> STAGE_PORTS = Map.of("transcribe-audio", 8081, "generate-text", 8082,
            "synthesis-audio-en", 8083, "translate-text", 8084, "synthesis-audio", 8085);

    static final Map<String, String> env = new HashMap<>();
    static GatewayClient gateway;
    static int kafkaPort;

    @BeforeAll
    static void buildAndStart() throws Exception {
        Files.createDirectories(WORK);
        run(Duration.ofMinutes(2), "rm", "-rf", ENGINE.toString()); // a cold cache: an empty data root
        int frontendPort = freePort();
        kafkaPort = freePort();
        env.putAll(Map.of("DOCKER_HOST", "unix://" + ENGINE.resolve("docker.sock"), "DOCKER_BUILDKIT", "0",
                "COMPOSE_PROJECT_NAME", PROJECT, "FRONTEND_PORT", String.valueOf(frontendPort),
                "MINIO_CONSOLE_PORT", String.valueOf(freePort()), "KAFKA_HOST_PORT", String.valueOf(kafkaPort)));
        Runtime.getRuntime().addShutdownHook(new Thread(ContainersIT::stopQuietly));
        Result engine = exec(Duration.ofMinutes(5), SCRIPTS.resolve("docker-engine").toString(), "start", ENGINE.toString());
        if (engine.code() != 0) {
            throw new AssertionError("no Docker engine could start: " + engine.output());
        }

        long start = System.nanoTime();
        run(Duration.ofMinutes(5), SCRIPTS.resolve("debian-base").toString(), WORK.resolve("base").toString());
        figure("base image debian:bookworm-slim made from Debian's packages in %.0f s, %s", seconds(start),
                run(Duration.ofSeconds(30), "docker", "image", "ls", "--format", "{{.Size}}", "debian:bookworm-slim").strip());

        start = System.nanoTime();
        for (String image : IMAGES) {
            build(image);
        }
        figure("seven images built from a cold cache in %.0f s", seconds(start));
        start = System.nanoTime();
        run(Duration.ofMinutes(5), "docker", "build", "-q", "-t", "mega-pipeline-local/kafka:latest", "local-infra/kafka-server");
        run(Duration.ofMinutes(5), "docker", "build", "-q", "-t", "mega-pipeline-local/s3:latest", "local-infra/s3-server");
        figure("local Kafka and S3 images (test only) built in %.0f s", seconds(start));
        printSizes();

        start = System.nanoTime();
        compose(Duration.ofMinutes(5), "up", "-d");
        awaitHealthy(Duration.ofMinutes(3));
        figure("stack healthy %.0f s after up", seconds(start));
        gateway = new GatewayClient("http://127.0.0.1:" + frontendPort);
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (env.isEmpty()) {
            return;
        }
        try {
            Files.writeString(WORK.resolve("compose.log"), exec(Duration.ofMinutes(1), compose("logs", "--no-color")).output());
            exec(Duration.ofMinutes(3), compose("down", "-v", "--remove-orphans"));
        } finally {
            exec(Duration.ofMinutes(2), SCRIPTS.resolve("docker-engine").toString(), "stop", ENGINE.toString());
        }
    }

    @Test
    @Order(1)
    void aSamplePromptUploadedThroughTheFrontendBecomesFrenchAudio() throws Exception {
        String id = FaultStack.upload(gateway, 1).get(0);
        JsonNode prompt = gateway.await(id, Duration.ofMinutes(3), stage -> { });
        assertTrue(FaultStack.complete(prompt), prompt.toString());
        byte[] french = gateway.audio(id, Artifact.OUTPUT_AUDIOS.artifactName());
        assertEquals("RIFF", new String(french, 0, 4), "the French audio is a WAV");
        figure("prompt %s through the frontend: French audio of %d bytes", id, french.length);
    }

    @Test
    @Order(2)
    void twoReplicasOfAStageShareItsPrompts() throws Exception {
        compose(Duration.ofMinutes(3), "up", "-d", "--no-deps", "--scale", "translate-text=2", "translate-text");
        awaitHealthy(Duration.ofMinutes(2));
        List<String> replicas = containers("translate-text");
        assertEquals(2, replicas.size(), replicas.toString());
        Map<String, Integer> before = processed("translate-text", replicas);

        List<String> ids = FaultStack.upload(gateway, 20);
        awaitComplete(ids, Duration.ofMinutes(5));
        Map<String, Integer> after = processed("translate-text", replicas);
        Map<String, Integer> took = new TreeMap<>();
        for (String c : replicas) {
            took.put(name(c), after.get(c) - before.get(c));
        }
        figure("translate-text scaled to 2: 20 prompts complete, processed per replica %s", took);
        assertTrue(took.values().stream().allMatch(n -> n > 0), "both replicas processed prompts: " + took);
        assertEquals(20, took.values().stream().mapToInt(Integer::intValue).sum(), "each prompt once: " + took);
        compose(Duration.ofMinutes(3), "up", "-d", "--no-deps", "--scale", "translate-text=1", "translate-text");
    }

    @Test
    @Order(3)
    void aStageRedeployedWithANewImageWhilePromptsAreInFlightLosesAndRepeatsNothing() throws Exception {
        long start = System.nanoTime();
        build("translate-text", "--label", "io.megapipeline.redeploy=" + Instant.now().toEpochMilli());
        figure("translate-text image rebuilt in %.0f s", seconds(start));
        String old = containers("translate-text").get(0);
        List<String> ids = FaultStack.upload(gateway, 20);
        start = System.nanoTime();
        compose(Duration.ofMinutes(3), "up", "-d", "--no-deps", "translate-text");
        awaitHealthy(Duration.ofMinutes(2));
        assertTrue(!containers("translate-text").contains(old), "a new container runs the new image");
        figure("translate-text redeployed while 20 prompts were in flight: healthy again in %.0f s", seconds(start));
        awaitComplete(ids, Duration.ofMinutes(5), "redeploy", true);
    }

    /**
     * A crash, not {@code docker kill}: Docker counts a kill as a manual stop, which no restart policy undoes; here the
     * container's process dies with SIGKILL from outside, as on a fault or the kernel's out-of-memory killer.
     */
    @Test
    @Order(4)
    void aStageThatCrashesWhileItWorksIsRestartedAndItsPromptsComplete() throws Exception {
        String container = containers("transcribe-audio").get(0);
        List<String> ids = FaultStack.upload(gateway, 10);
        Instant deadline = Instant.now().plusSeconds(60);
        int busy;
        while ((busy = metric(container, 8081, "pipeline_stage_in_flight")) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertTrue(busy > 0, "transcribe-audio worked on no prompt");
        String pid = run(Duration.ofSeconds(30), "docker", "inspect", "--format", "{{.State.Pid}}", container).strip();
        long start = System.nanoTime();
        run(Duration.ofSeconds(30), "kill", "-KILL", pid);
        awaitRestarted(container, Duration.ofMinutes(1));
        awaitHealthy(Duration.ofMinutes(2));
        figure("transcribe-audio killed while working on %d prompts; restarted by its policy, healthy in %.0f s", busy,
                seconds(start));
        awaitComplete(ids, Duration.ofMinutes(5), "crash", false);
    }

    @Test
    @Order(5)
    void figures() throws Exception {
        figure("memory per container:%n%s", run(Duration.ofMinutes(1), "docker", "stats", "--no-stream", "--format",
                "  {{.Name}}\t{{.MemUsage}}").stripTrailing());
    }

    /**
     * The monolith's image on its own Compose file, once the microservices are down: built on the same cached
     * layers, healthy, and a prompt through the frontend to both audios, all in one container.
     */
    @Test
    @Order(6)
    void theMonolithImageRunsTheWholePipelineInOneContainer() throws Exception {
        compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        long start = System.nanoTime();
        build("monolith");
        long size = Long.parseLong(run(Duration.ofSeconds(30), "docker", "image", "inspect", "--format", "{{.Size}}",
                "mega-pipeline/monolith:latest").strip());
        figure("monolith image built in %.0f s on the cached layers: %d MB", seconds(start), size / 1_000_000);
        try {
            start = System.nanoTime();
            run(Duration.ofMinutes(5), monolithCompose("up", "-d"));
            awaitHealthy(Duration.ofMinutes(3));
            figure("monolith stack (store, monolith, frontend) healthy %.0f s after up", seconds(start));
            List<String> ids = FaultStack.upload(gateway, 3);
            for (String id : ids) {
                JsonNode prompt = gateway.await(id, Duration.ofMinutes(3), stage -> { });
                assertTrue(FaultStack.complete(prompt), prompt.toString());
            }
            byte[] french = gateway.audio(ids.get(0), Artifact.OUTPUT_AUDIOS.artifactName());
            assertEquals("RIFF", new String(french, 0, 4), "the French audio is a WAV");
            figure("monolith: %d prompts through the frontend; memory:%n%s", ids.size(), run(Duration.ofMinutes(1),
                    "docker", "stats", "--no-stream", "--format", "  {{.Name}}\t{{.MemUsage}}").stripTrailing());
        } finally {
            Files.writeString(WORK.resolve("compose-monolith.log"),
                    exec(Duration.ofMinutes(1), monolithCompose("logs", "--no-color")).output());
            exec(Duration.ofMinutes(3), monolithCompose("down", "-v", "--remove-orphans"));
        }
    }

    static String[] monolithCompose(String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "docker-compose.monolith.yml",
                "-f", "system-tests/src/test/containers/docker-compose.monolith.local-infra.yml"));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    // ---- the engine, the images, the stack

    static void build(String image, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "build", "-q", "-f", image + "/Dockerfile",
                "-t", "mega-pipeline/" + image + ":latest"));
        command.addAll(List.of(options));
        command.add(".");
        run(Duration.ofMinutes(6), command.toArray(String[]::new));
    }

    /** Each image's size, and all seven on disk with their shared layers counted once. */
    static void printSizes() throws Exception {
        Map<String, Long> layers = new HashMap<>();
        StringBuilder each = new StringBuilder();
        for (String image : IMAGES) {
            String name = "mega-pipeline/" + image + ":latest";
            long size = Long.parseLong(run(Duration.ofSeconds(30), "docker", "image", "inspect", "--format", "{{.Size}}", name).strip());
            each.append(String.format(Locale.ROOT, "%n  %-20s %4d MB", image, size / 1_000_000));
            for (String line : run(Duration.ofSeconds(30), "docker", "history", "--no-trunc", "--human=false",
                    "--format", "{{.ID}} {{.Size}}", name).strip().split("\n")) {
                String[] idAndSize = line.split(" ");
                layers.put(idAndSize[0], Long.parseLong(idAndSize[1]));
            }
        }
        figure("image sizes:%s%n  all seven, shared layers once: %d MB", each,
                layers.values().stream().mapToLong(Long::longValue).sum() / 1_000_000);
    }

    /** Waits until every container of the stack is healthy and the one-shot jobs have ended with 0. */
    static void awaitHealthy(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Map<String, String> states = new TreeMap<>();
            for (String line : run(Duration.ofSeconds(30), "docker", "ps", "-a", "--filter", "label=com.docker.compose.project=" + PROJECT,
                    "--format", "{{.Names}}\t{{.Status}}").strip().split("\n")) {
                String[] parts = line.split("\t");
                states.put(parts[0], parts[1]);
            }
            if (!states.isEmpty() && states.values().stream().allMatch(s -> s.contains("(healthy)") || s.startsWith("Exited (0)"))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not healthy after " + timeout.toSeconds() + " s: " + states);
            }
            Thread.sleep(1000);
        }
    }

    static void awaitRestarted(String container, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!run(Duration.ofSeconds(30), "docker", "inspect", "--format", "{{.RestartCount}}", container).strip().equals("1")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(container + " not restarted after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    /** The ids of a service's containers. */
    static List<String> containers(String service) throws Exception {
        return List.of(run(Duration.ofSeconds(30), "docker", "ps", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT,
                "--filter", "label=com.docker.compose.service=" + service).strip().split("\n"));
    }

    static String name(String container) throws Exception {
        return run(Duration.ofSeconds(30), "docker", "inspect", "--format", "{{.Name}}", container).strip().substring(1);
    }

    /** The prompts each container of the stage processed so far (pipeline_stage_processed_total, all outcomes). */
    static Map<String, Integer> processed(String stage, List<String> containers) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : containers) {
            counts.put(c, metric(c, STAGE_PORTS.get(stage), "pipeline_stage_processed_total"));
        }
        return counts;
    }

    /** The sum of a metric's series, read from inside the container, 0 when it does not answer. */
    static int metric(String container, int port, String name) throws Exception {
        Result metrics = exec(Duration.ofSeconds(30), "docker", "exec", container, "curl", "-fsS",
                "http://127.0.0.1:" + port + "/q/metrics");
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} ([0-9.]+)").matcher(metrics.code() == 0 ? metrics.output() : "");
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (int) sum;
    }

    static String[] compose(String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml",
                "-f", "system-tests/src/test/containers/docker-compose.local-infra.yml"));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    static void compose(Duration timeout, String... args) throws Exception {
        run(timeout, compose(args));
    }

    private static void stopQuietly() {
        try {
            exec(Duration.ofMinutes(2), SCRIPTS.resolve("docker-engine").toString(), "stop", ENGINE.toString());
        } catch (IOException | InterruptedException e) {
            // the JVM is ending; nothing more to do
        }
    }

    // ---- prompts

    /** Waits until the gateway lists every prompt complete; returns the list it shows then. */
    static List<JsonNode> awaitComplete(List<String> ids, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<JsonNode> listed = gateway.prompts();
            Set<String> complete = listed.stream().filter(FaultStack::complete).map(p -> p.path("id").asText())
                    .collect(Collectors.toSet());
            List<String> open = ids.stream().filter(id -> !complete.contains(id)).toList();
            if (open.isEmpty()) {
                return listed;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(open.size() + " prompts not complete after " + timeout.toSeconds() + " s, e.g. "
                        + gateway.prompt(open.get(0)));
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Every prompt completes, the gateway lists each once, every artifact of theirs is announced and none failed;
     * with {@code exactlyOnce}, none is announced twice either (a crash may redeliver: at least once, ARCHITECTURE.md).
     */
    static void awaitComplete(List<String> ids, Duration timeout, String what, boolean exactlyOnce) throws Exception {
        long start = System.nanoTime();
        List<JsonNode> listed = awaitComplete(ids, timeout);
        Map<String, Long> listings = listed.stream().collect(Collectors.groupingBy(p -> p.path("id").asText(), Collectors.counting()));
        // through Kafka's listener for the host
        List<ConsumerRecord<String, String>> events = FaultStack.events("127.0.0.1:" + kafkaPort);
        Set<String> announced = events.stream().filter(e -> ids.contains(e.key()) && !e.topic().equals(Artifact.FAILURES_TOPIC))
                .map(e -> e.topic() + "/" + e.key()).collect(Collectors.toSet());
        long failures = events.stream().filter(e -> e.topic().equals(Artifact.FAILURES_TOPIC) && ids.contains(e.key())).count();
        int duplicates = FaultStack.duplicateEvents(events, Set.copyOf(ids));
        figure("%s: %d prompts complete in %.0f s more, duplicate events %d, failure events %d", what, ids.size(),
                seconds(start), duplicates, failures);
        for (String id : ids) {
            assertEquals(1L, listings.get(id), "the gateway lists " + id + " once");
        }
        assertEquals(ids.size() * Artifact.values().length, announced.size(), "an event for every artifact");
        if (exactlyOnce) {
            assertEquals(0, duplicates, "no artifact announced twice");
        }
        assertEquals(0L, failures, "no prompt failed");
    }

    // ---- processes

    record Result(int code, String output) {
    }

    /** Runs a command in the repository root with the engine's settings; fails with its output unless it exits 0. */
    static String run(Duration timeout, String... command) throws IOException, InterruptedException {
        Result result = exec(timeout, command);
        if (result.code() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.code() + ":\n" + result.output());
        }
        return result.output();
    }

    static Result exec(Duration timeout, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path output = Files.createTempFile(WORK, "command", ".out");
        try {
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, String.join(" ", command) + ": no end after " + timeout.toSeconds() + " s\n"
                        + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void figure(String format, Object... args) {
        System.out.println("[containers] " + String.format(Locale.ROOT, format, args));
    }
}
