package io.megapipeline.system;

import static io.megapipeline.system.FaultStack.figure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Graceful shutdown: each stage in turn gets SIGTERM ({@code ./mega-pipeline stop}) while it works on
 * prompts. It finishes the prompts in progress (within {@code pipeline.stage.shutdown-grace}, 10 s),
 * leaves the records it has not started for the next start, and exits before the launcher's limit of
 * 20 s (after which it would kill it); after the restart every prompt completes.
 */
@ExtendWith(FaultStack.class)
class GracefulShutdownFaultIT {

    private static final int PROMPTS = 30;
    private static final Pattern DRAINED = Pattern.compile(
            "StageRunner] \\([^)]*\\) [a-z-]+: ((?:prompts in progress|\\d+ prompts still in progress).*)");

    @Test
    void eachStageFinishesItsPromptsInProgressOnSigtermAndNothingIsLost() throws Exception {
        long start = System.nanoTime();
        List<String> ids = FaultStack.upload(PROMPTS);
        double slowest = 0;
        for (String stage : FaultStack.STAGES.keySet()) {
            int busy = FaultStack.awaitBusy(stage, ids, Duration.ofSeconds(30));
            long stop = System.nanoTime();
            String output = Launcher.run(Duration.ofMinutes(1), "stop", stage);
            double seconds = (System.nanoTime() - stop) / 1e9;
            slowest = Math.max(slowest, seconds);
            String drained = lastMatch(FaultStack.log(stage));
            figure("shutdown: %s got SIGTERM working on %d prompts; %s; process gone %.1f s after SIGTERM", stage, busy,
                    drained, seconds);
            assertFalse(output.contains("killing it"), "stopped before the launcher's 20 s limit:\n" + output);
            assertTrue(drained.contains("finished"), "the prompts in progress finished within the grace: " + drained);
            Launcher.run(Duration.ofMinutes(3), "start", stage);
        }

        FaultStack.Outcome outcome = FaultStack.awaitOutcome(ids, Duration.ofMinutes(5));
        figure("shutdown: prompts in flight %d, SIGTERMs %d, slowest shutdown %.1f s, prompts completed %d, failure "
                + "events %d, duplicate events seen %d, %.0f s", ids.size(), FaultStack.STAGES.size(), slowest,
                outcome.completed(), outcome.failures(), outcome.duplicateEvents(), (System.nanoTime() - start) / 1e9);
        assertEquals(ids.size(), outcome.completed(), "every prompt complete after the restarts");
        assertEquals(0, outcome.failures(), "no prompt failed");
    }

    /** What the stage logged about its prompts in progress when it last shut down. */
    private static String lastMatch(String log) {
        Matcher m = DRAINED.matcher(log);
        String last = "(no shutdown line in the log)";
        while (m.find()) {
            last = m.group(1).strip();
        }
        return last;
    }
}
