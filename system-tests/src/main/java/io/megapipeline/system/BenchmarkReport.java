package io.megapipeline.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The figures of one {@link Benchmark} run, as Markdown for people and JSON for tools. The hop floor is null for a
 * stack without a broker (the monolith).
 */
record BenchmarkReport(String date, String mode, String gateway, int cores, String loadAverageBefore,
        String loadAverageAfter, int warmUpPrompts, List<EngineFigure> engines, List<PromptTiming> prompts,
        HopFloor.Figures hopFloor, LoadResult load, List<ProcessMemory> memory) {

    /**
     * One engine alone: its own figure, the time of one prompt's input, prompts per minute with 8 in flight and the
     * CPU time its process spent per prompt meanwhile.
     */
    record EngineFigure(String stage, String measure, double value, String unit, double msPerPrompt,
            double capacityPerMinute, double cpuSecondsPerPrompt) {
    }

    /**
     * One prompt through the pipeline, in seconds: from the start of its upload to its stored input, to its
     * last audio's event, and that event's way to the gateway; per stage its time between the input's and the
     * output's events ("stage") and what its metrics recorded: engine, event lag, store stat/read/write, publish.
     */
    record PromptTiming(String id, String sample, double upload, double endToEnd, double delivery,
            Map<String, Map<String, Double>> stages) {

        double get(String stage, String measure) {
            return stages.get(stage).get(measure);
        }

        /** transcribe + generate + max(English synthesis, translate + French synthesis), engine times. */
        double criticalPath() {
            return get("transcribe-audio", "engine") + get("generate-text", "engine")
                    + Math.max(get("synthesis-audio-en", "engine"),
                            get("translate-text", "engine") + get("synthesis-audio", "engine"));
        }

        /** What the pipeline adds to the engines' time: the upload and the hops of the critical path. */
        double overhead() {
            return endToEnd - criticalPath();
        }

        /** All five stages' time outside their engines, summed, the English branch (off the critical path) too. */
        double stagesOverhead() {
            return stages.keySet().stream().mapToDouble(s -> get(s, "stage") - get(s, "engine")).sum();
        }
    }

    /** Many prompts at once: their throughput, latencies, engine time and CPU time per prompt. */
    record LoadResult(int prompts, int completed, int failed, double seconds, double perMinute, List<Double> latencies,
            String slowestStage, double slowestCapacityPerMinute, Map<String, Double> engineSecondsPerPrompt,
            Map<String, Double> cpuSecondsPerPrompt) {

        double cpuBoundPerMinute(int cores) {
            double cpu = cpuSecondsPerPrompt.values().stream().mapToDouble(Double::doubleValue).sum();
            return cpu == 0 ? 0 : cores * 60 / cpu;
        }
    }

    /** MB: the process's resident set, its children's, the proportional set of both, the process's peak. */
    record ProcessMemory(String process, long pid, double rssMb, double childrenRssMb, double pssMb, double peakRssMb) {
    }

    /** A goal of issue "Performance" and whether this run met it. */
    record Target(String target, String goal, String measured, boolean met) {
    }

    private static final String[] HOP_MEASURES = { "stage", "engine", "lag", "stat", "read", "write", "publish" };

    double p(ToDoubleFunction<PromptTiming> value, double percentile) {
        return percentile(prompts.stream().mapToDouble(value).boxed().toList(), percentile);
    }

    static double percentile(List<Double> values, double percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Prompts per minute the cores could do running nothing but the five engines, at their CPU time alone. */
    double enginesCpuBoundPerMinute() {
        double cpu = enginesCpuSecondsPerPrompt();
        return cpu > 0 ? cores * 60 / cpu : Double.NaN;
    }

    /** The engines' CPU time per prompt, each alone: what any way of running them has to spend. */
    double enginesCpuSecondsPerPrompt() {
        return engines.stream().mapToDouble(EngineFigure::cpuSecondsPerPrompt).sum();
    }

    /** The whole stack's CPU time per prompt under load less the engines' own: what running them costs. */
    double cpuOutsideEnginesPerPrompt() {
        return load.cpuSecondsPerPrompt().values().stream().mapToDouble(Double::doubleValue).sum()
                - enginesCpuSecondsPerPrompt();
    }

    double totalRssMb() {
        return memory.stream().mapToDouble(m -> m.rssMb() + m.childrenRssMb()).sum();
    }

    List<Target> targets() {
        double overhead = p(PromptTiming::overhead, 50);
        String floor = hopFloor == null ? "no broker" // the four hops after the upload on the critical path
                : "four bare hops: " + ms(4 * hopFloor.hop() / 1000) + " ms";
        double ratio = p(PromptTiming::endToEnd, 50) / p(PromptTiming::criticalPath, 50);
        double share = load.perMinute() / load.slowestCapacityPerMinute();
        double rss = totalRssMb();
        return List.of(
                new Target("pipeline overhead (end to end − critical path), p50", "≤ 50 ms",
                        String.format(Locale.ROOT, "%s ms (%s)", ms(overhead), floor),
                        overhead <= 0.050),
                new Target("end-to-end latency at low load, p50", "≤ 1.1 × critical path",
                        String.format(Locale.ROOT, "%.2f ×", ratio), ratio <= 1.1),
                new Target("sustained throughput", "≥ 90 % of the slowest engine alone",
                        String.format(Locale.ROOT, "%.0f %% (%.1f of %.1f prompts/min, %s); %.0f %% of the five engines' "
                                + "CPU bound (%.1f)", share * 100, load.perMinute(), load.slowestCapacityPerMinute(),
                                load.slowestStage(), 100 * load.perMinute() / enginesCpuBoundPerMinute(),
                                enginesCpuBoundPerMinute()), share >= 0.9),
                new Target("memory of the whole stack", "< 3 GB RSS",
                        String.format(Locale.ROOT, "%.2f GB (PSS %.2f GB)", rss / 1024,
                                memory.stream().mapToDouble(ProcessMemory::pssMb).sum() / 1024), rss < 3 * 1024));
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("benchmark.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date);
        json.put("mode", mode);
        json.put("gateway", gateway);
        json.put("cores", cores);
        json.put("loadAverage", Map.of("before", loadAverageBefore, "after", loadAverageAfter));
        json.put("warmUpPrompts", warmUpPrompts);
        json.put("engines", engines);
        json.put("enginesCpuBoundPerMinute", enginesCpuBoundPerMinute());
        Map<String, Object> single = new LinkedHashMap<>();
        single.put("endToEnd", percentiles(PromptTiming::endToEnd));
        single.put("criticalPath", percentiles(PromptTiming::criticalPath));
        single.put("overhead", percentiles(PromptTiming::overhead));
        single.put("stagesOverhead", percentiles(PromptTiming::stagesOverhead));
        single.put("perStage", perStage());
        single.put("prompts", prompts);
        json.put("singlePrompts", single);
        json.put("hopFloor", hopFloor);
        json.put("load", load);
        json.put("cpuBoundPerMinute", load.cpuBoundPerMinute(cores));
        json.put("enginesCpuSecondsPerPrompt", enginesCpuSecondsPerPrompt());
        json.put("cpuOutsideEnginesPerPrompt", cpuOutsideEnginesPerPrompt());
        json.put("memory", memory);
        json.put("targets", targets());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("benchmark.json").toFile(), json);
    }

    /**
     * Per stage, the p50 over the single prompts of each measure of {@link #HOP_MEASURES} and, after the engine, of
     * the overhead (stage − engine), in seconds.
     */
    Map<String, Map<String, Double>> perStage() {
        Map<String, Map<String, Double>> stages = new LinkedHashMap<>();
        for (Benchmark.Stage stage : Benchmark.STAGES) {
            Map<String, Double> measures = new LinkedHashMap<>();
            for (String measure : HOP_MEASURES) {
                measures.put(measure, p(t -> t.get(stage.name(), measure), 50));
                if (measure.equals("engine")) {
                    measures.put("overhead", p(t -> t.get(stage.name(), "stage") - t.get(stage.name(), "engine"), 50));
                }
            }
            stages.put(stage.name(), measures);
        }
        return stages;
    }

    private Map<String, Double> percentiles(ToDoubleFunction<PromptTiming> value) {
        return Map.of("p50", p(value, 50), "p95", p(value, 95));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        line(md, "# Mega Pipeline benchmark%n");
        line(md, "%s, the %s stack, gateway %s, %d cores, after %d warm-up prompts. Load average before %s, after %s: "
                + "other work on this machine shares the CPU and makes every figure noisy.%n", date, mode, gateway, cores,
                warmUpPrompts, loadAverageBefore, loadAverageAfter);

        line(md, "## Engines alone%n");
        line(md, "Each stage's direct HTTP endpoint, after a warm-up pass: the three samples one at a time, then "
                + "%d requests with %d in flight for the capacity, and the CPU time the stage's process spent per "
                + "request meanwhile. Running nothing but the five engines, %d cores could do %.1f prompts/min.%n",
                Benchmark.CAPACITY_REQUESTS, Benchmark.IN_FLIGHT, cores, enginesCpuBoundPerMinute());
        line(md, "| stage | figure | value | ms per prompt | capacity (prompts/min) | CPU s per prompt |");
        line(md, "| --- | --- | ---: | ---: | ---: | ---: |");
        for (EngineFigure e : engines) {
            line(md, "| %s | %s | %s %s | %.0f | %.1f | %.3f |", e.stage(), e.measure(), number(e.value()), e.unit(),
                    e.msPerPrompt(), e.capacityPerMinute(), e.cpuSecondsPerPrompt());
        }

        line(md, "%n## Single prompts, one after another (%d)%n", prompts.size());
        line(md, "Seconds. End to end: from the start of the upload to the event of the last audio. Critical path: "
                + "transcribe + generate + max(English synthesis, translate + French synthesis), the same prompts' "
                + "engine times. Overhead: what the pipeline adds, the upload and the hops of the critical path. "
                + "All stages' overhead: each stage's time minus its engine time, summed over all five (the English "
                + "branch too, which runs beside the French one).%n");
        line(md, "| | p50 | p95 |");
        line(md, "| --- | ---: | ---: |");
        row(md, "end to end", PromptTiming::endToEnd);
        row(md, "critical path", PromptTiming::criticalPath);
        row(md, "overhead (end to end − critical path)", PromptTiming::overhead);
        row(md, "all stages' overhead", PromptTiming::stagesOverhead);
        row(md, "upload (request → input stored and announced)", PromptTiming::upload);
        row(md, "last event → gateway", PromptTiming::delivery);

        line(md, "%n### Per hop (milliseconds, p50)%n");
        line(md, "Stage: from the input's event to the output's event. Lag: from the input's event to the stage "
                + "taking it. Overhead: stage − engine.%n");
        line(md, "| stage | stage | engine | overhead | lag | store stat | store read | store write | publish |");
        line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        perStage().forEach((stage, measures) -> line(md, "| %s | %s |", stage,
                String.join(" | ", measures.values().stream().map(BenchmarkReport::ms).toList())));

        line(md, "%n### The hop floor%n");
        if (hopFloor == null) {
            line(md, "No broker: in the monolith the events pass in memory, so there is no hop floor to measure.%n");
        } else {
            hopFloor(md);
        }

        line(md, "%n## Sustained load: %d prompts uploaded at once%n", load.prompts());
        line(md, "%d completed, %d failed in %.1f s: **%.1f prompts/min**; latency p50 %.1f s, p95 %.1f s. The slowest "
                + "engine alone (%s) takes %.1f prompts/min. The CPU time per prompt below bounds the whole stack to "
                + "%.1f prompts/min on %d cores; of it %.3f s per prompt are spent outside the engines (the whole stack's "
                + "less the five engines' alone, %.3f s).%n", load.completed(), load.failed(), load.seconds(),
                load.perMinute(), percentile(load.latencies(), 50), percentile(load.latencies(), 95), load.slowestStage(),
                load.slowestCapacityPerMinute(), load.cpuBoundPerMinute(cores), cores, cpuOutsideEnginesPerPrompt(),
                enginesCpuSecondsPerPrompt());
        line(md, "| process | CPU s per prompt | engine s per prompt |");
        line(md, "| --- | ---: | ---: |");
        load.cpuSecondsPerPrompt().forEach((name, cpu) -> line(md, "| %s | %.3f | %s |", name, cpu,
                load.engineSecondsPerPrompt().containsKey(name)
                        ? String.format(Locale.ROOT, "%.3f", load.engineSecondsPerPrompt().get(name)) : ""));

        line(md, "%n## Memory%n");
        line(md, "MB at the end of the run: the resident set of each process (VmRSS) and of the programs it started "
                + "(Apertium, espeak-ng), the proportional set of both (PSS: shared pages split among the processes "
                + "sharing them, so it adds up) and the process's peak (VmHWM). The whole stack's RSS is the sum of "
                + "the first two columns.%n");
        line(md, "| process | RSS | children RSS | PSS | peak RSS |");
        line(md, "| --- | ---: | ---: | ---: | ---: |");
        for (ProcessMemory m : memory) {
            line(md, "| %s | %.0f | %.0f | %.0f | %.0f |", m.process(), m.rssMb(), m.childrenRssMb(), m.pssMb(),
                    m.peakRssMb());
        }
        line(md, "| **whole stack** | **%.0f** | | **%.0f** | |", totalRssMb(),
                memory.stream().mapToDouble(ProcessMemory::pssMb).sum());

        line(md, "%n## Targets%n");
        line(md, "| target | goal | measured | met |");
        line(md, "| --- | --- | --- | --- |");
        for (Target t : targets()) {
            line(md, "| %s | %s | %s | %s |", t.target(), t.goal(), t.measured(), t.met() ? "yes" : "**no**");
        }
        return md.toString();
    }

    private void hopFloor(StringBuilder md) {
        line(md, "What one hop costs with nothing but the stack's broker and store, driven by this benchmark's process "
                + "with the stages' clients, one hop every 150 ms (p50 of %d hops, milliseconds): the event published "
                + "(acks=all) and delivered to a consumer, the output's stat beside the input's read, the output "
                + "written. No pipeline can take less per hop on this machine.%n", hopFloor.hops());
        line(md, "| publish | delivered | stat | read | write (paragraph) | write (audio) | bare hop (delivered + "
                + "read + write) |");
        line(md, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        line(md, "| %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", hopFloor.publish(), hopFloor.delivery(),
                hopFloor.stat(), hopFloor.read(), hopFloor.writeText(), hopFloor.writeWav(), hopFloor.hop());
    }

    private void row(StringBuilder md, String name, ToDoubleFunction<PromptTiming> value) {
        line(md, "| %s | %.3f | %.3f |", name, p(value, 50), p(value, 95));
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    static String ms(double seconds) {
        double ms = seconds * 1000;
        return String.format(Locale.ROOT, Math.abs(ms) < 100 ? "%.1f" : "%.0f", ms);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.3f" : "%.1f", value);
    }
}
