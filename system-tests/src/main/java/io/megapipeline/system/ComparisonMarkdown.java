package io.megapipeline.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.megapipeline.system.BenchmarkReport.ProcessMemory;
import io.megapipeline.system.BenchmarkReport.Target;
import io.megapipeline.system.FaultIsolation.EngineFailing;
import io.megapipeline.system.FaultIsolation.ProcessKilled;
import io.megapipeline.system.ModeFigures.Percentiles;

/** {@link Comparison}'s report as Markdown: the two modes side by side, the targets, where the time goes, faults. */
final class ComparisonMarkdown {

    /** The per-stage measures of the benchmark, as the table heads them. */
    private static final Map<String, String> MEASURES = Map.of("stage", "stage", "engine", "engine", "overhead",
            "overhead", "lag", "wait", "stat", "store stat", "read", "store read", "write", "store write", "publish",
            "publish");
    private static final List<String> MEASURE_ORDER = List.of("stage", "engine", "overhead", "lag", "stat", "read",
            "write", "publish");
    /** What a stage spends around its engine, by which the modes can differ. */
    private static final List<String> AROUND_ENGINE = List.of("lag", "stat", "read", "write", "publish");

    private final Comparison c;
    private final ModeFigures micro;
    private final ModeFigures mono;
    private final StringBuilder md = new StringBuilder();

    ComparisonMarkdown(Comparison comparison) {
        this.c = comparison;
        this.micro = comparison.micro();
        this.mono = comparison.mono();
    }

    String render() {
        line("# Microservices and monolith%n");
        line("%s: the same samples through the microservices (a Kafka broker, the S3 server and six JVMs) and then "
                + "the monolith (the S3 server and one JVM), one after the other on %d cores, each after %d warm-up "
                + "prompts. Load average during the microservices' benchmark %s, during the monolith's %s: other work "
                + "on this machine shares the cores, and every figure is noisy.%n", c.date(), micro.cores(),
                micro.warmUpPrompts(), micro.loadAverage(), mono.loadAverage());
        sideBySide();
        targets();
        timePerStage();
        cpu();
        memory();
        faults();
        return md.toString();
    }

    private void sideBySide() {
        line("## Side by side%n");
        line("| | microservices | monolith | microservices ÷ monolith |");
        line("| --- | ---: | ---: | ---: |");
        compare("start to ready (`up --detach`), s", ModeFigures::readySeconds, "%.1f");
        pair(String.format(Locale.ROOT, "single prompt end to end, p50 / p95, s (%d prompts one after another)",
                micro.singlePrompts()), ModeFigures::endToEnd, 1, "%.3f");
        compare("the engines' critical path, p50, s", m -> m.criticalPath().p50(), "%.3f");
        pair("overhead over the critical path, p50 / p95, ms", ModeFigures::overhead, 1000, "%.0f");
        compare("upload (request → input stored and announced), p50, ms", m -> m.upload().p50() * 1000, "%.0f");
        compare("last audio's event → gateway, p50, ms", m -> m.delivery().p50() * 1000, "%.1f");
        compare(String.format(Locale.ROOT, "throughput, %d prompts at once, prompts/min", micro.load().prompts()),
                m -> m.load().perMinute(), "%.1f");
        line("| completed / failed under load | %d / %d | %d / %d | |", micro.load().completed(), micro.load().failed(),
                mono.load().completed(), mono.load().failed());
        pair("latency under load, p50 / p95, s", m -> m.load().latency(), 1, "%.1f");
        compare("CPU per prompt, whole stack, s", m -> m.load().cpuSecondsPerPromptTotal(), "%.3f");
        compare("of it the five engines' (each alone), s", ModeFigures::enginesCpuSecondsPerPrompt, "%.3f");
        compare("**CPU per prompt outside the engines, s**", ModeFigures::cpuOutsideEnginesPerPrompt, "%.3f");
        compare("cores busy under load, %", m -> 100 * m.load().perMinute() * m.load().cpuSecondsPerPromptTotal()
                / 60 / m.cores(), "%.0f");
        compare("memory, RSS of every process and its children, MB", ModeFigures::rssMb, "%.0f");
        compare("memory, PSS, MB", ModeFigures::pssMb, "%.0f");
        line("| processes | %d | %d | |%n", micro.memory().size(), mono.memory().size());
    }

    private void targets() {
        line("## Targets%n");
        line("Reported, not asserted.%n");
        line("| target | goal | measured | met |");
        line("| --- | --- | --- | --- |");
        for (Target t : c.targets()) {
            line("| %s | %s | %s | %s |", t.target(), t.goal(), t.measured(), t.met() ? "yes" : "**no**");
        }
        line("");
        if (c.latencyRatio() > Comparison.LATENCY_RATIO) {
            line("- Latency not met: the microservices' single prompt takes %.0f ms more at p50; %s. Per stage below.",
                    (micro.endToEnd().p50() - mono.endToEnd().p50()) * 1000, largestDifferences());
        }
        if (c.throughputShare() < Comparison.THROUGHPUT_SHARE) {
            line("- Throughput not met: under load the cores are the limit, and the microservices spend %.3f s of CPU "
                    + "per prompt against the monolith's %.3f s; where the CPU goes is below.",
                    micro.load().cpuSecondsPerPromptTotal(), mono.load().cpuSecondsPerPromptTotal());
        }
        if (micro.cpuOutsideEnginesPerPrompt() > Comparison.CPU_OUTSIDE_ENGINES) {
            line("- CPU outside the engines not met: %s.", largestCpuOutside());
        }
        line("");
    }

    private void timePerStage() {
        line("## Where the time goes: single prompts, per stage%n");
        line("Milliseconds, p50 over the single prompts, from the stages' own timers. Stage: from the input's event to "
                + "the output's event; overhead: stage − engine; wait: from the input's event to the stage taking it "
                + "(the broker's delivery, or the in-memory router's); store stat, read and write: the S3 calls; "
                + "publish: until the next event is taken (acks=all by the broker, or by the router).%n");
        List<String> heads = MEASURE_ORDER.stream().map(MEASURES::get).toList();
        line("| stage | mode | %s |", String.join(" | ", heads));
        line("| --- | --- |%s", " ---: |".repeat(heads.size()));
        for (String stage : micro.perStage().keySet()) {
            for (ModeFigures m : List.of(micro, mono)) {
                Map<String, Double> measures = m.perStage().getOrDefault(stage, Map.of());
                line("| %s | %s | %s |", stage, m.mode(), String.join(" | ", MEASURE_ORDER.stream()
                        .map(k -> BenchmarkReport.ms(measures.getOrDefault(k, Double.NaN))).toList()));
            }
        }
        line("%nThe largest differences around the engines (microservices − monolith): %s.%n", largestDifferences());
    }

    /** The five per-stage measures around the engines, and the upload and delivery, that differ most. */
    private String largestDifferences() {
        List<Map.Entry<String, Double>> differences = new ArrayList<>();
        for (String stage : micro.perStage().keySet()) {
            for (String measure : AROUND_ENGINE) {
                differences.add(Map.entry(stage + " " + MEASURES.get(measure),
                        micro.perStage().get(stage).get(measure) - mono.perStage().get(stage).get(measure)));
            }
        }
        differences.add(Map.entry("upload", micro.upload().p50() - mono.upload().p50()));
        differences.add(Map.entry("last event → gateway", micro.delivery().p50() - mono.delivery().p50()));
        return String.join(", ", differences.stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))).limit(5)
                .map(e -> String.format(Locale.ROOT, "%s %+.1f ms", e.getKey(), e.getValue() * 1000)).toList());
    }

    private void cpu() {
        line("## Where the CPU goes: under load%n");
        line("CPU seconds per prompt of each process (with the programs it started) while the prompts uploaded at once "
                + "went through, and each engine's own through its direct endpoint, alone. Outside its engine: the "
                + "first less the second (the broker, the store and the gateway are all outside).%n");
        line("| process | microservices | outside its engine | monolith | outside the engines |");
        line("| --- | ---: | ---: | ---: | ---: |");
        Set<String> processes = new LinkedHashSet<>(micro.load().cpuSecondsPerPrompt().keySet());
        processes.addAll(mono.load().cpuSecondsPerPrompt().keySet());
        for (String process : processes) {
            line("| %s | %s | %s | %s | %s |", process, cell(micro.load().cpuSecondsPerPrompt().get(process)),
                    cell(outside(micro, process)), cell(mono.load().cpuSecondsPerPrompt().get(process)),
                    cell(outside(mono, process)));
        }
        line("| **whole stack** | **%.3f** | **%.3f** | **%.3f** | **%.3f** |%n", micro.load().cpuSecondsPerPromptTotal(),
                micro.cpuOutsideEnginesPerPrompt(), mono.load().cpuSecondsPerPromptTotal(),
                mono.cpuOutsideEnginesPerPrompt());
        line("| engine, alone | microservices | monolith |");
        line("| --- | ---: | ---: |");
        micro.engineCpuSecondsPerPrompt().forEach((stage, cpu) -> line("| %s | %.3f | %.3f |", stage, cpu,
                mono.engineCpuSecondsPerPrompt().getOrDefault(stage, Double.NaN)));
        line("");
    }

    private static String cell(Double cpu) {
        return cpu == null ? "" : String.format(Locale.ROOT, "%.3f", cpu);
    }

    /**
     * A process's CPU outside the engines it runs, null if it did not run: all of it for the broker, the store and
     * the gateway.
     */
    private static Double outside(ModeFigures m, String process) {
        Double cpu = m.load().cpuSecondsPerPrompt().get(process);
        if (cpu == null) {
            return null;
        }
        double engines = process.equals(Stack.MONOLITH_PROCESS) ? m.enginesCpuSecondsPerPrompt()
                : m.engineCpuSecondsPerPrompt().getOrDefault(process, 0.0);
        return cpu - engines;
    }

    /** The microservices' processes that spend the most CPU outside their engines. */
    private String largestCpuOutside() {
        return String.join(", ", micro.load().cpuSecondsPerPrompt().keySet().stream()
                .map(p -> Map.entry(p, outside(micro, p)))
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -e.getValue())).limit(4)
                .map(e -> String.format(Locale.ROOT, "%s %.3f s", e.getKey(), e.getValue())).toList())
                + " per prompt outside the engines";
    }

    private void memory() {
        line("## Memory%n");
        line("MB at the end of each benchmark: resident set of the process and of the programs it started (Apertium, "
                + "the voices), and the proportional set (shared pages split among the processes sharing them).%n");
        line("| mode | process | RSS | children RSS | PSS |");
        line("| --- | --- | ---: | ---: | ---: |");
        for (ModeFigures m : List.of(micro, mono)) {
            for (ProcessMemory p : m.memory()) {
                line("| %s | %s | %.0f | %.0f | %.0f |", m.mode(), p.process(), p.rssMb(), p.childrenRssMb(), p.pssMb());
            }
            line("| %s | **whole stack** | **%.0f** | | **%.0f** |", m.mode(), m.rssMb(), m.pssMb());
        }
        line("");
    }

    private void faults() {
        line("## Fault isolation%n");
        line("Tried for real on %s, the first stage of the French branch only; the English audio does not depend on "
                + "it.%n", FaultIsolation.STAGE);
        EngineFailing mf = micro.faults().engineFailing();
        EngineFailing of = mono.faults().engineFailing();
        line("### Its engine failing on every prompt%n");
        line("The process that runs it started again with `%s` (a translator that refuses every paragraph), %d "
                + "prompts uploaded and followed until nothing more came of them (two minutes at most), then the usual "
                + "settings restored.%n", mf.setting(), mf.prompts().prompts());
        line("| | microservices | monolith |");
        line("| --- | --- | --- |");
        row("process started again", k -> k.engineFailing().process());
        row("started with the setting, s", k -> seconds(k.engineFailing().restartSeconds()));
        row("gateway not ready during the scenario, s", k -> seconds(k.engineFailing().gatewayDownSeconds()));
        tally(mf.prompts(), of.prompts());
        row("usual settings restored, s", k -> seconds(k.engineFailing().restoreSeconds()));
        row("then one prompt to both audios, s", k -> k.engineFailing().restoredPromptSeconds() == null
                ? "not within 120 s" : seconds(k.engineFailing().restoredPromptSeconds()));
        line("");
        for (ModeFigures m : List.of(micro, mono)) {
            line("- %s", engineFailingOutcome(m));
        }
        ProcessKilled mk = micro.faults().processKilled();
        ProcessKilled ok = mono.faults().processKilled();
        line("%n### Its process killed while it works%n");
        line("Prompts uploaded; once %s had prompts in its hands, the process that runs it was killed (SIGKILL) and "
                + "started again; the prompts had two minutes from the kill to finish.%n", FaultIsolation.STAGE);
        line("| | microservices | monolith |");
        line("| --- | --- | --- |");
        row("process killed", k -> k.processKilled().process());
        row("prompts in " + FaultIsolation.STAGE + "'s hands at the kill", k -> "" + k.processKilled().inFlightAtKill());
        row("where the prompts stood just after (the monolith: as its gateway lists them when started again)",
                k -> FaultIsolation.describe(k.processKilled().atKill()));
        row("ready again after, s", k -> seconds(k.processKilled().restartSeconds()));
        row("gateway not ready during the scenario, s", k -> seconds(k.processKilled().gatewayDownSeconds()));
        tally(mk.after(), ok.after());
        row("from the kill until every prompt had both audios", k -> k.processKilled().secondsUntilAllComplete() == null
                ? "not within 120 s" : seconds(k.processKilled().secondsUntilAllComplete()) + " s");
        line("");
        for (ModeFigures m : List.of(micro, mono)) {
            line("- %s", killOutcome(m));
        }
    }

    private void tally(PromptTally micro, PromptTally mono) {
        line("| prompts | %d | %d |", micro.prompts(), mono.prompts());
        line("| both audios | %d | %d |", micro.bothAudios(), mono.bothAudios());
        line("| English audio only | %d | %d |", micro.englishOnly(), mono.englishOnly());
        line("| failed | %d | %d |", micro.failed(), mono.failed());
        line("| failure reasons | %s | %s |", reasons(micro), reasons(mono));
        line("| still waiting (stuck), at | %s | %s |", waiting(micro), waiting(mono));
    }

    private String engineFailingOutcome(ModeFigures m) {
        EngineFailing f = m.faults().engineFailing();
        PromptTally t = f.prompts();
        String scope = m.mode().equals(Comparison.MONOLITH) ? "the gateway and all five stages with it"
                : "the other services kept running";
        String english = t.bothAudios() + t.englishOnly() == t.prompts() ? "every prompt still got its English audio"
                : (t.bothAudios() + t.englishOnly()) + " of " + t.prompts() + " prompts got their English audio";
        String french = t.failed() == t.prompts() ? "every prompt failed in the French branch, with its reason"
                : t.failed() + " failed";
        return String.format(Locale.ROOT, "%s: changing one stage's setting started %s again (%s; the gateway not "
                + "ready for %.1f s); %s and %s%s.", m.mode(), f.process(), scope, f.gatewayDownSeconds(), english,
                french, t.waiting() == 0 ? "; none stuck" : "; " + t.waiting() + " stuck, at " + t.waitingText());
    }

    private String killOutcome(ModeFigures m) {
        ProcessKilled k = m.faults().processKilled();
        PromptTally after = k.after();
        if (k.secondsUntilAllComplete() != null && m.mode().equals(Comparison.MONOLITH)) {
            return String.format(Locale.ROOT, "%s: killing %s stopped every stage at once, and lost no prompt: its events "
                    + "were in memory, but at its start the %d prompts still in progress were resumed from the store "
                    + "(ResumeInProgress), and every prompt had both audios %.1f s after the kill.", m.mode(),
                    k.process(), k.atKill().prompts() - k.atKill().bothAudios(), k.secondsUntilAllComplete());
        }
        if (k.secondsUntilAllComplete() != null) {
            return String.format(Locale.ROOT, "%s: killing %s lost no prompt: the %d prompts waiting for it resumed "
                    + "after the restart, and every prompt had both audios %.1f s after the kill.", m.mode(),
                    k.process(), k.atKill().waitingAt().getOrDefault(FaultIsolation.STAGE, 0), k.secondsUntilAllComplete());
        }
        String lost = m.mode().equals(Comparison.MONOLITH)
                ? " The monolith's events wait in memory and were lost with the process, and these prompts were not "
                        + "resumed from the store."
                : "";
        return String.format(Locale.ROOT, "%s: killing %s left %d of %d prompts unfinished two minutes later "
                + "(%d with both audios, %d with the English one only, %d failed; waiting at %s).%s", m.mode(),
                k.process(), after.prompts() - after.bothAudios(), after.prompts(), after.bothAudios(),
                after.englishOnly(), after.failed(), after.waitingText(), lost);
    }

    private void row(String name, Function<FaultIsolation.Result, String> value) {
        line("| %s | %s | %s |", name, value.apply(micro.faults()), value.apply(mono.faults()));
    }

    private static String reasons(PromptTally t) {
        return t.reasons().isEmpty() ? "—" : t.reasonsText().replace("|", "\\|");
    }

    private static String waiting(PromptTally t) {
        return t.waiting() == 0 ? "none" : t.waiting() + " (" + t.waitingText() + ")";
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    private void compare(String name, Function<ModeFigures, Double> value, String format) {
        double a = value.apply(micro);
        double b = value.apply(mono);
        line("| %s | %s | %s | %.2f × |", name, String.format(Locale.ROOT, format, a),
                String.format(Locale.ROOT, format, b), a / b);
    }

    /** p50 / p95 of both modes, scaled (1000 for milliseconds), and the ratio of the p50s. */
    private void pair(String name, Function<ModeFigures, Percentiles> value, double scale, String format) {
        Percentiles a = value.apply(micro);
        Percentiles b = value.apply(mono);
        line("| %s | %s / %s | %s / %s | %.2f × |", name, String.format(Locale.ROOT, format, a.p50() * scale),
                String.format(Locale.ROOT, format, a.p95() * scale), String.format(Locale.ROOT, format, b.p50() * scale),
                String.format(Locale.ROOT, format, b.p95() * scale), a.p50() / b.p50());
    }

    private void line(String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
