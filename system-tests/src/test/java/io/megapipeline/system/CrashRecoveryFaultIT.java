package io.megapipeline.system;

import static io.megapipeline.system.FaultStack.figure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.store.StoredObject;

/**
 * Crash recovery: with 30 prompts in flight (and a few more whenever the next stage to kill runs idle), each
 * of the five stages in turn is killed (SIGKILL) while it works on prompts, then started again. Every prompt still completes, every artifact exists exactly
 * once in the store and has its event, and the gateway lists each prompt once, done.
 */
@ExtendWith(FaultStack.class)
class CrashRecoveryFaultIT {

    private static final int PROMPTS = 30;

    @Test
    void everyPromptCompletesOnceWhenEachStageIsKilledMidWork() throws Exception {
        long start = System.nanoTime();
        List<String> ids = FaultStack.upload(PROMPTS);
        int kills = 0;
        for (String stage : FaultStack.STAGES.keySet()) {
            int busy = FaultStack.awaitBusy(stage, ids, Duration.ofSeconds(30));
            ProcessHandle process = FaultStack.process(stage);
            process.destroyForcibly(); // at once, not through the launcher: the prompts must still be in progress
            process.onExit().get(30, TimeUnit.SECONDS);
            kills++;
            long restart = System.nanoTime();
            Launcher.run(Duration.ofMinutes(3), "start", stage);
            figure("crash: %s killed while working on %d prompts; ready again in %.1f s", stage, busy,
                    (System.nanoTime() - restart) / 1e9);
        }

        FaultStack.Outcome outcome = FaultStack.awaitOutcome(ids, Duration.ofMinutes(5));
        Map<String, Long> listings = outcome.listed().stream()
                .collect(Collectors.groupingBy(p -> p.path("id").asText(), Collectors.counting()));
        List<StoredObject> objects = FaultStack.objects();
        Map<String, Long> perKey = objects.stream()
                .collect(Collectors.groupingBy(StoredObject::key, Collectors.counting()));
        int duplicateObjects = objects.size() - perKey.size();
        Set<String> announced = outcome.events().stream().map(e -> e.topic() + "/" + e.key()).collect(Collectors.toSet());
        figure("crash: prompts in flight %d, kills %d, prompts completed %d, duplicate objects %d, "
                + "duplicate events seen %d, failure events %d, %.0f s", ids.size(), kills, outcome.completed(),
                duplicateObjects, outcome.duplicateEvents(), outcome.failures(), (System.nanoTime() - start) / 1e9);
        for (String id : ids) {
            assertEquals(1L, listings.get(id), "the gateway lists " + id + " once");
            for (Artifact artifact : Artifact.values()) {
                String key = artifact.key(PromptId.of(id));
                assertEquals(1L, perKey.getOrDefault(key, 0L), "one object " + key);
                assertTrue(announced.contains(artifact.topic() + "/" + id), "an event for " + key);
            }
        }
        assertEquals(ids.size(), outcome.completed(), "every prompt complete, as the gateway lists it");
        assertEquals(0, duplicateObjects);
        assertEquals(0, outcome.failures(), "no prompt failed");
    }
}
