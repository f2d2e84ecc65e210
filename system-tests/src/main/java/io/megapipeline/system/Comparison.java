package io.megapipeline.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.megapipeline.system.BenchmarkReport.Target;

/**
 * {@code ./mega-pipeline compare}'s report: the microservices and the monolith side by side, from what the launcher
 * left in {@code COMPARE_DIR/microservices/} and {@code COMPARE_DIR/monolith/} (see {@link ModeFigures}); writes
 * {@code compare.md} and {@code compare.json} there and prints the Markdown. Argument: {@code COMPARE_DIR}.
 */
public record Comparison(String date, ModeFigures micro, ModeFigures mono) {

    static final String MICROSERVICES = Stack.Mode.MICROSERVICES.label();
    static final String MONOLITH = Stack.Mode.MONOLITH.label();

    /** The microservices' p50 end to end at most this many times the monolith's. */
    static final double LATENCY_RATIO = 1.25;
    /** The microservices' throughput at least this share of the monolith's. */
    static final double THROUGHPUT_SHARE = 0.85;
    /** The microservices' CPU seconds per prompt outside the engines at most this. */
    static final double CPU_OUTSIDE_ENGINES = 0.15;

    public static void main(String[] args) throws IOException {
        Path dir = ToolArguments.parse(args, 1, "Comparison COMPARE_DIR").path(0);
        Comparison comparison = new Comparison(Instant.now().toString(),
                ModeFigures.read(dir.resolve(MICROSERVICES), MICROSERVICES),
                ModeFigures.read(dir.resolve(MONOLITH), MONOLITH));
        String markdown = new ComparisonMarkdown(comparison).render();
        Files.writeString(dir.resolve("compare.md"), markdown);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("compare.json").toFile(),
                comparison.json());
        System.out.println(markdown);
        System.out.println("written to " + dir.resolve("compare.md") + " and " + dir.resolve("compare.json"));
    }

    double latencyRatio() {
        return micro.endToEnd().p50() / mono.endToEnd().p50();
    }

    double throughputShare() {
        return micro.load().perMinute() / mono.load().perMinute();
    }

    List<Target> targets() {
        return List.of(
                new Target("microservices end to end p50 against the monolith's", "≤ " + LATENCY_RATIO + " ×",
                        String.format(Locale.ROOT, "%.2f × (%.3f s against %.3f s)", latencyRatio(),
                                micro.endToEnd().p50(), mono.endToEnd().p50()), latencyRatio() <= LATENCY_RATIO),
                new Target("microservices throughput against the monolith's",
                        String.format(Locale.ROOT, "≥ %.0f %%", THROUGHPUT_SHARE * 100),
                        String.format(Locale.ROOT, "%.0f %% (%.1f against %.1f prompts/min)", throughputShare() * 100,
                                micro.load().perMinute(), mono.load().perMinute()), throughputShare() >= THROUGHPUT_SHARE),
                new Target("microservices CPU per prompt outside the engines", "≤ " + CPU_OUTSIDE_ENGINES + " s",
                        String.format(Locale.ROOT, "%.3f s (the monolith: %.3f s)", micro.cpuOutsideEnginesPerPrompt(),
                                mono.cpuOutsideEnginesPerPrompt()),
                        micro.cpuOutsideEnginesPerPrompt() <= CPU_OUTSIDE_ENGINES));
    }

    private Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date);
        json.put("targets", targets());
        json.put("latencyRatio", latencyRatio());
        json.put("throughputShare", throughputShare());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (ModeFigures figures : List.of(micro, mono)) {
            Map<String, Object> mode = new LinkedHashMap<>();
            mode.put("readySeconds", figures.readySeconds());
            mode.put("endToEnd", figures.endToEnd());
            mode.put("overheadOverCriticalPath", figures.overhead());
            mode.put("perMinute", figures.load().perMinute());
            mode.put("cpuSecondsPerPrompt", figures.load().cpuSecondsPerPromptTotal());
            mode.put("cpuOutsideEnginesPerPrompt", figures.cpuOutsideEnginesPerPrompt());
            mode.put("rssMb", figures.rssMb());
            mode.put("pssMb", figures.pssMb());
            summary.put(figures.mode(), mode);
        }
        json.put("summary", summary);
        json.put(MICROSERVICES, micro);
        json.put(MONOLITH, mono);
        return json;
    }
}
