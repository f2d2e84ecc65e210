package io.megapipeline.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.megapipeline.system.BenchmarkReport.ProcessMemory;

/**
 * One mode's figures in {@link Comparison}, from what {@code ./mega-pipeline compare} left in its folder: the seconds
 * from start to ready ({@code ready-seconds}), the benchmark ({@code benchmark.json}) and the fault isolation
 * ({@code faults.json}). Times in seconds, CPU in seconds per prompt, memory in MB.
 */
record ModeFigures(String mode, String date, int cores, String loadAverage, int warmUpPrompts, double readySeconds,
        int singlePrompts, Percentiles endToEnd, Percentiles criticalPath, Percentiles overhead, Percentiles upload,
        Percentiles delivery, Map<String, Map<String, Double>> perStage, Load load,
        Map<String, Double> engineCpuSecondsPerPrompt, double enginesCpuSecondsPerPrompt,
        double cpuOutsideEnginesPerPrompt, List<ProcessMemory> memory, FaultIsolation.Result faults) {

    record Percentiles(double p50, double p95) {

        static Percentiles of(JsonNode node) {
            return new Percentiles(node.path("p50").asDouble(Double.NaN), node.path("p95").asDouble(Double.NaN));
        }

        static Percentiles of(List<Double> values) {
            return new Percentiles(BenchmarkReport.percentile(values, 50), BenchmarkReport.percentile(values, 95));
        }
    }

    /** The prompts uploaded at once: how many, done and failed, per minute, latency, each process's CPU per prompt. */
    record Load(int prompts, int completed, int failed, double perMinute, Percentiles latency,
            Map<String, Double> cpuSecondsPerPrompt) {

        double cpuSecondsPerPromptTotal() {
            return cpuSecondsPerPrompt.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** The benchmark writes NaN where a figure could not be measured. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    static ModeFigures read(Path dir, String mode) throws IOException {
        JsonNode bench = JSON.readTree(dir.resolve("benchmark.json").toFile());
        JsonNode single = bench.path("singlePrompts");
        JsonNode load = bench.path("load");
        Map<String, Double> engineCpu = new LinkedHashMap<>();
        bench.path("engines").forEach(e -> engineCpu.put(e.path("stage").asText(),
                e.path("cpuSecondsPerPrompt").asDouble()));
        List<ProcessMemory> memory = new ArrayList<>();
        for (JsonNode m : bench.path("memory")) {
            memory.add(JSON.treeToValue(m, ProcessMemory.class));
        }
        JsonNode loadAverage = bench.path("loadAverage");
        return new ModeFigures(mode, bench.path("date").asText(), bench.path("cores").asInt(),
                loadAverage.path("before").asText() + " → " + loadAverage.path("after").asText(),
                bench.path("warmUpPrompts").asInt(),
                Double.parseDouble(Files.readString(dir.resolve("ready-seconds")).strip()), single.path("prompts").size(),
                Percentiles.of(single.path("endToEnd")), Percentiles.of(single.path("criticalPath")),
                Percentiles.of(single.path("overhead")), Percentiles.of(each(single.path("prompts"), "upload")),
                Percentiles.of(each(single.path("prompts"), "delivery")), perStage(single.path("perStage")),
                new Load(load.path("prompts").asInt(), load.path("completed").asInt(), load.path("failed").asInt(),
                        load.path("perMinute").asDouble(), Percentiles.of(each(load.path("latencies"), null)),
                        doubles(load.path("cpuSecondsPerPrompt"))),
                engineCpu, bench.path("enginesCpuSecondsPerPrompt").asDouble(),
                bench.path("cpuOutsideEnginesPerPrompt").asDouble(), memory,
                JSON.readValue(dir.resolve("faults.json").toFile(), FaultIsolation.Result.class));
    }

    double rssMb() {
        return memory.stream().mapToDouble(m -> m.rssMb() + m.childrenRssMb()).sum();
    }

    double pssMb() {
        return memory.stream().mapToDouble(ProcessMemory::pssMb).sum();
    }

    /** The field of every element of an array, or the elements themselves (field null). */
    private static List<Double> each(JsonNode array, String field) {
        List<Double> values = new ArrayList<>();
        array.forEach(n -> values.add((field == null ? n : n.path(field)).asDouble()));
        return values;
    }

    private static Map<String, Double> doubles(JsonNode object) {
        Map<String, Double> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asDouble()));
        return values;
    }

    private static Map<String, Map<String, Double>> perStage(JsonNode object) {
        Map<String, Map<String, Double>> stages = new LinkedHashMap<>();
        object.properties().forEach(e -> stages.put(e.getKey(), doubles(e.getValue())));
        return stages;
    }
}
