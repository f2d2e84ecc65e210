package io.megapipeline.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import com.fasterxml.jackson.databind.JsonNode;

import io.megapipeline.core.Topology;
import io.megapipeline.system.BenchmarkReport.EngineFigure;
import io.megapipeline.system.BenchmarkReport.LoadResult;
import io.megapipeline.system.BenchmarkReport.ProcessMemory;
import io.megapipeline.system.BenchmarkReport.PromptTiming;

/**
 * {@code ./mega-pipeline bench}: measures a running stack and writes {@code benchmark.md} and
 * {@code benchmark.json}. After a warm-up (prompts through the pipeline, so that every partition has been
 * polled, the JIT compilers have compiled the hot paths and the engines have filled their caches), four parts,
 * on the recordings of {@code samples/}:
 * <ol>
 * <li>each engine alone, through its stage's direct HTTP endpoint after a warm-up: its own figure (real-time
 * factor, tokens per second, ms per sentence, ms per second of audio), its capacity with 8 requests in flight
 * and the CPU time it spends per prompt;
 * <li>single prompts through the gateway one after another: end-to-end latency against the critical path of the
 * same prompts' engine times, and the overhead of every hop from the stages' metrics (scraped after each prompt,
 * so each difference belongs to that prompt alone); then the {@link HopFloor}, what a hop costs with the broker
 * and the store alone;
 * <li>sustained load: many prompts uploaded at once, their throughput against the slowest engine's capacity, and
 * the CPU time every process spends per prompt;
 * <li>the resident memory of every process of the stack.
 * </ol>
 * In the monolith (its mode from {@code --mode}, else the launcher's {@code STATE/mode}) every stage answers at the
 * gateway's URL and one scrape of its metrics holds every stage's, tagged by stage; there is no broker, so no hop
 * floor.
 * Arguments: {@code GATEWAY_URL STATE_DIR SAMPLES_DIR [--warm-up N] [--prompts N] [--load N] [--out DIR]
 * [--mode microservices|monolith]}.
 */
public final class Benchmark {

    /** A stage: its service, the artifact it reads and the one it makes. */
    record Stage(String name, String input, String output) {
    }

    static final List<Stage> STAGES = Topology.stages().stream().map(s -> new Stage(s.name(),
            s.input().orElseThrow().artifactName(), s.output().artifactName())).toList();

    static final List<String> SAMPLES = List.of("ill-disposed.wav", "made-amiable.wav", "cold-hearted.wav");
    /** The capacity of an engine: this many requests, with IN_FLIGHT of them at once. */
    static final int IN_FLIGHT = 8;
    static final int CAPACITY_REQUESTS = 2 * IN_FLIGHT;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(\\s|$)");

    private final GatewayClient gateway;
    private final Stack stack;
    private final ServiceClient gatewayService;
    private final Map<String, ServiceClient> services = new LinkedHashMap<>();
    private final List<byte[]> samples;
    /** The mean size of a paragraph and of its English audio, for the hop floor's objects. */
    private int paragraphBytes = 1000;
    private int audioBytes = 1_000_000;

    private Benchmark(Stack stack, Path samplesDir) throws IOException {
        // Its polling does not matter: times come from the events.
        this.gateway = new GatewayClient(stack.gateway.toString());
        this.stack = stack;
        this.gatewayService = stack.service("gateway");
        for (Stage stage : STAGES) {
            services.put(stage.name, stack.service(stage.name));
        }
        this.samples = samples(samplesDir);
    }

    /** The recordings of {@link #SAMPLES}, in that order. */
    static List<byte[]> samples(Path samplesDir) throws IOException {
        List<byte[]> samples = new ArrayList<>();
        for (String sample : SAMPLES) {
            samples.add(Files.readAllBytes(samplesDir.resolve(sample)));
        }
        return samples;
    }

    public static void main(String[] args) throws Exception {
        ToolArguments arguments = ToolArguments.parse(args, 3, "Benchmark GATEWAY_URL STATE_DIR SAMPLES_DIR "
                + "[--warm-up N] [--prompts N] [--load N] [--out DIR] [--mode microservices|monolith]");
        Stack stack = arguments.stack();
        Benchmark bench = new Benchmark(stack, arguments.path(2));
        int prompts = Integer.parseInt(arguments.option("--prompts", "12"));
        int load = Integer.parseInt(arguments.option("--load", "30"));
        int warmUp = Integer.parseInt(arguments.option("--warm-up", "30"));
        Path out = Path.of(arguments.option("--out", stack.state.resolve("bench").toString()));

        System.out.println(warmUp + " prompts to warm the stack up...");
        bench.warmUp(warmUp);
        String loadBefore = loadAverage();
        System.out.println("engines alone...");
        List<EngineFigure> engines = bench.engines();
        System.out.println(prompts + " single prompts through the pipeline...");
        List<PromptTiming> single = bench.singlePrompts(prompts);
        HopFloor.Figures floor = null;
        if (stack.hasBroker()) {
            System.out.println("the hop floor: the broker and the store alone...");
            floor = bench.hopFloor();
        }
        System.out.println(load + " prompts at once...");
        LoadResult sustained = bench.sustained(load, engines);
        List<ProcessMemory> memory = bench.memory();
        BenchmarkReport report = new BenchmarkReport(Instant.now().toString(), stack.mode.label(), args[0],
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), warmUp, engines, single, floor,
                sustained, memory);
        report.write(out);
        System.out.println(report.markdown());
        System.out.println("written to " + out.resolve("benchmark.md") + " and " + out.resolve("benchmark.json"));
    }

    // 0. Warm-up: every partition of every topic, the JIT compilers and the engines' caches.

    private void warmUp(int count) throws Exception {
        // A first request alone gets the client its owner cookie: uploads sent at once without one would each be
        // given an owner of their own, and the client could see only one of them.
        gateway.prompts(0, 1);
        ExecutorService inFlight = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> prompts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] sample = samples.get(i % samples.size());
                prompts.add(inFlight.submit(() -> gateway.await(gateway.upload(sample), TIMEOUT, stage -> { })));
            }
            for (Future<JsonNode> prompt : prompts) {
                prompt.get();
            }
        } finally {
            inFlight.shutdownNow();
        }
    }

    // 1. Each engine alone, through the direct endpoints.

    private List<EngineFigure> engines() throws Exception {
        List<EngineFigure> figures = new ArrayList<>();
        double audioIn = samples.stream().mapToDouble(Benchmark::audioSeconds).sum();
        Run transcribe = run("transcribe-audio", "/transcribe", "audio/wav", samples);
        figures.add(figure(transcribe, "real-time factor", transcribe.seconds / audioIn, ""));

        List<byte[]> prompts = transcribe.outputs;
        ServiceClient generate = services.get("generate-text");
        Metrics before = generate.metrics();
        Run generation = run("generate-text", "/generate", "text/plain", prompts);
        double tokens = generate.metrics().since(before, "generate_tokens_total");
        figures.add(figure(generation, "tokens per second", tokens / generation.seconds, "tokens/s"));

        List<byte[]> paragraphs = generation.outputs;
        paragraphBytes = (int) paragraphs.stream().mapToInt(p -> p.length).average().orElse(paragraphBytes);
        Run english = run("synthesis-audio-en", "/synthesize/en", "text/plain", paragraphs);
        audioBytes = (int) english.outputs.stream().mapToInt(a -> a.length).average().orElse(audioBytes);
        double englishAudio = english.outputs.stream().mapToDouble(Benchmark::audioSeconds).sum();
        figures.add(figure(english, "ms per second of audio", english.seconds * 1000 / englishAudio, "ms/s"));

        Run translation = run("translate-text", "/translate", "text/plain", paragraphs);
        long sentences = paragraphs.stream().mapToLong(p -> SENTENCE_END.matcher(text(p)).results().count()).sum();
        figures.add(figure(translation, "ms per sentence", translation.seconds * 1000 / sentences, "ms"));

        Run french = run("synthesis-audio", "/synthesize/fr", "text/plain", translation.outputs);
        double frenchAudio = french.outputs.stream().mapToDouble(Benchmark::audioSeconds).sum();
        figures.add(figure(french, "ms per second of audio", french.seconds * 1000 / frenchAudio, "ms/s"));
        return figures;
    }

    /**
     * One pass over the inputs, one at a time, after a warm-up pass; then the capacity with 8 in flight and the
     * CPU time the stage's process (with the programs it started) spent per request of that capacity run: in the
     * monolith the whole process's, of which the idle stages and the gateway take little.
     */
    private record Run(String stage, List<byte[]> outputs, double seconds, double capacityPerMinute,
            double cpuSecondsPerPrompt) {
    }

    private Run run(String stage, String path, String type, List<byte[]> inputs) throws Exception {
        ServiceClient service = services.get(stage);
        for (byte[] input : inputs) {
            service.post(path, type, input);
        }
        List<byte[]> outputs = new ArrayList<>();
        long start = System.nanoTime();
        for (byte[] input : inputs) {
            outputs.add(service.post(path, type, input));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        int requests = CAPACITY_REQUESTS;
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            ProcessStats cpuBefore = stack.processes().get(stack.processOf(stage));
            long capacityStart = System.nanoTime();
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                byte[] input = inputs.get(i % inputs.size());
                results.add(pool.submit(() -> service.post(path, type, input)));
            }
            for (Future<byte[]> result : results) {
                result.get();
            }
            double capacity = requests * 60 / ((System.nanoTime() - capacityStart) / 1e9);
            ProcessStats cpuAfter = stack.processes().get(stack.processOf(stage));
            double cpu = cpuBefore == null || cpuAfter == null ? Double.NaN
                    : (cpuAfter.cpuSeconds() - cpuBefore.cpuSeconds()) / requests;
            System.out.printf("  %-20s %6.0f ms per prompt alone, %5.1f prompts/min with %d in flight, %.3f CPU s "
                    + "per prompt%n", stage, seconds * 1000 / inputs.size(), capacity, IN_FLIGHT, cpu);
            return new Run(stage, outputs, seconds, capacity, cpu);
        } finally {
            pool.shutdownNow();
        }
    }

    private EngineFigure figure(Run run, String measure, double value, String unit) {
        return new EngineFigure(run.stage, measure, value, unit, run.seconds * 1000 / SAMPLES.size(),
                run.capacityPerMinute, run.cpuSecondsPerPrompt);
    }

    // 2. Single prompts, one after another.

    private List<PromptTiming> singlePrompts(int count) throws IOException {
        List<PromptTiming> timings = new ArrayList<>();
        Map<String, Metrics> before = scrape();
        for (int i = 0; i < count; i++) {
            Instant start = Instant.now();
            String id = gateway.upload(samples.get(i % samples.size()));
            JsonNode prompt = gateway.await(id, TIMEOUT, stage -> { });
            if (prompt.path("failed").asBoolean()) {
                throw new IOException("prompt " + id + " failed: " + prompt);
            }
            Map<String, Metrics> after = settled(before);
            timings.add(timing(id, SAMPLES.get(i % SAMPLES.size()), start, prompt, before, after));
            before = after;
        }
        return timings;
    }

    private PromptTiming timing(String id, String sample, Instant start, JsonNode prompt, Map<String, Metrics> before,
            Map<String, Metrics> after) {
        Map<String, Map<String, Double>> stages = new LinkedHashMap<>();
        for (Stage stage : STAGES) {
            Metrics was = before.get(stage.name);
            Metrics now = after.get(stage.name);
            String[] tag = { "stage", stage.name };
            Map<String, Double> t = new LinkedHashMap<>();
            t.put("stage", seconds(time(prompt, stage.input), time(prompt, stage.output)));
            t.put("engine", now.since(was, "pipeline_stage_engine_duration_seconds_sum", tag));
            t.put("lag", now.since(was, "pipeline_stage_event_lag_seconds_sum", tag));
            for (String operation : List.of("stat", "read", "write")) {
                t.put(operation, now.since(was, "pipeline_stage_store_duration_seconds_sum", "stage", stage.name,
                        "operation", operation));
            }
            t.put("publish", now.since(was, "pipeline_stage_publish_duration_seconds_sum", tag));
            stages.put(stage.name, t);
        }
        String last = time(prompt, "output-audios").equals(last(prompt)) ? "output-audios" : "text-audios";
        double delivery = after.get("gateway").since(before.get("gateway"), "gateway_event_lag_seconds_sum", "topic", last);
        return new PromptTiming(id, sample, seconds(start, time(prompt, "input-audios")), seconds(start, last(prompt)),
                delivery, stages);
    }

    /** Every service's metrics by name; in the monolith one scrape holds them all. */
    private Map<String, Metrics> scrape() throws IOException {
        Map<String, Metrics> scrape = new HashMap<>();
        Metrics all = stack.isMonolith() ? gatewayService.metrics() : null;
        for (ServiceClient service : services.values()) {
            scrape.put(service.name, all != null ? all : service.metrics());
        }
        scrape.put("gateway", all != null ? all : gatewayService.metrics());
        return scrape;
    }

    /** A scrape taken once every stage has finished with the prompt (its processing time recorded). */
    private Map<String, Metrics> settled(Map<String, Metrics> before) throws IOException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            Map<String, Metrics> now = scrape();
            boolean done = STAGES.stream().allMatch(s -> now.get(s.name).since(before.get(s.name),
                    "pipeline_stage_duration_seconds_count", "stage", s.name) >= 1);
            if (done || Instant.now().isAfter(deadline)) {
                return now;
            }
            sleep(20);
        }
    }

    // 2b. The hop floor: the same broker and store with nothing else in the way.

    private HopFloor.Figures hopFloor() throws Exception {
        HopFloor.Figures floor = HopFloor.measure(stack.brokerBootstrap(), stack.storeEndpoint(), 40, paragraphBytes,
                audioBytes);
        System.out.printf("  a bare hop %.1f ms (publish %.1f, delivered after %.1f, stat %.1f, read %.1f, write %.1f; "
                + "an audio write %.1f)%n", floor.hop(), floor.publish(), floor.delivery(), floor.stat(), floor.read(),
                floor.writeText(), floor.writeWav());
        return floor;
    }

    // 3. Sustained load.

    private LoadResult sustained(int count, List<EngineFigure> engines) throws Exception {
        Map<String, ProcessStats> cpuBefore = stack.processes();
        Map<String, Metrics> before = scrape();
        Map<String, Instant> started = new LinkedHashMap<>();
        ExecutorService uploaders = Executors.newFixedThreadPool(4);
        Instant start = Instant.now();
        try {
            List<Future<Map.Entry<String, Instant>>> uploads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] sample = samples.get(i % samples.size());
                uploads.add(uploaders.submit(() -> {
                    Instant at = Instant.now();
                    return Map.entry(gateway.upload(sample), at);
                }));
            }
            for (Future<Map.Entry<String, Instant>> upload : uploads) {
                started.put(upload.get().getKey(), upload.get().getValue());
            }
        } finally {
            uploaders.shutdownNow();
        }
        List<Double> latencies = new ArrayList<>();
        Instant end = start;
        int failed = 0;
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!started.isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(1000); // one request a second for all of them, so that following costs the gateway little
            for (JsonNode prompt : gateway.prompts(0, count + 10).path("items")) {
                Instant uploaded = started.get(prompt.path("id").asText());
                if (uploaded == null) {
                    continue;
                }
                if (prompt.path("failed").asBoolean()) {
                    failed++;
                    started.remove(prompt.path("id").asText());
                } else if (complete(prompt)) {
                    Instant done = last(prompt);
                    latencies.add(seconds(uploaded, done));
                    end = done.isAfter(end) ? done : end;
                    started.remove(prompt.path("id").asText());
                }
            }
        }
        Map<String, Metrics> after = scrape();
        Map<String, ProcessStats> cpuAfter = stack.processes();
        int completed = latencies.size();
        double wall = seconds(start, end);
        Map<String, Double> engine = new LinkedHashMap<>();
        for (Stage stage : STAGES) {
            Metrics now = after.get(stage.name);
            Metrics was = before.get(stage.name);
            double n = now.since(was, "pipeline_stage_engine_duration_seconds_count", "stage", stage.name);
            engine.put(stage.name, n == 0 ? 0 : now.since(was, "pipeline_stage_engine_duration_seconds_sum",
                    "stage", stage.name) / n);
        }
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuAfter.forEach((name, now) -> cpu.put(name, completed == 0 ? 0
                : (now.cpuSeconds() - cpuBefore.getOrDefault(name, now).cpuSeconds()) / completed));
        EngineFigure slowest = engines.stream().min((a, b) -> Double.compare(a.capacityPerMinute(),
                b.capacityPerMinute())).orElseThrow();
        return new LoadResult(count, completed, failed + started.size(), wall,
                wall == 0 ? 0 : completed * 60 / wall, latencies, slowest.stage(), slowest.capacityPerMinute(), engine,
                cpu);
    }

    private static boolean complete(JsonNode prompt) {
        for (JsonNode stage : prompt.path("stages")) {
            if (!stage.path("state").asText().equals("done")) {
                return false;
            }
        }
        return true;
    }

    // 4. Memory.

    private List<ProcessMemory> memory() throws IOException {
        List<ProcessMemory> memory = new ArrayList<>();
        stack.processes().forEach((name, p) -> memory.add(new ProcessMemory(name, p.pid(), p.rssKb() / 1024.0,
                p.childrenRssKb() / 1024.0, p.pssKb() / 1024.0, p.peakRssKb() / 1024.0)));
        return memory;
    }

    // Helpers.

    /** When the later of the two audios was announced. */
    static Instant last(JsonNode prompt) {
        Instant english = time(prompt, "text-audios");
        Instant french = time(prompt, "output-audios");
        return french.isAfter(english) ? french : english;
    }

    private static Instant time(JsonNode prompt, String artifact) {
        return Instant.parse(GatewayClient.stage(prompt, artifact).path("time").asText());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    static double audioSeconds(byte[] wav) {
        try {
            AudioFileFormat format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
            return format.getFrameLength() / format.getFormat().getFrameRate();
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new IllegalArgumentException("not a WAV file: " + e.getMessage(), e);
        }
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return load[0] + " " + load[1] + " " + load[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
