package io.megapipeline.system;

import static io.megapipeline.system.FaultStack.figure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;

/**
 * Poison input: payloads a stage cannot process, written straight into the store and announced on the
 * stage's input topic as the stage before it would (the gateway lets none of them but the silent WAV
 * in), one of each kind on every partition, ahead of good prompts uploaded through the gateway. Each
 * poisoned prompt fails with a failure event carrying the reason; the good prompts behind them, on the
 * same partitions, all complete.
 */
@ExtendWith(FaultStack.class)
class PoisonInputFaultIT {

    private static final int GOOD_PROMPTS = 6;

    /** One kind of poison: what it is, where it enters, which stages must fail it and with what reason. */
    record Poison(String kind, Artifact artifact, String producer, byte[] content, String reason, Set<String> failingStages) {
    }

    private static final List<Poison> POISONS = List.of(
            new Poison("2 s of silence (a valid WAV)", Artifact.INPUT_AUDIOS, "gateway",
                    Wav.write(new PcmAudio(16_000, 1, new short[32_000])), "no speech recognized",
                    Set.of("transcribe-audio")),
            new Poison("text that is not UTF-8", Artifact.TEXT_PROMPTS, "transcribe-audio",
                    new byte[] { 'O', 'n', 'c', 'e', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, ' ', 'u', 'p', 'o', 'n' },
                    "not valid UTF-8", Set.of("generate-text")),
            new Poison("2 MB of text", Artifact.TEXT_PROMPTS, "transcribe-audio",
                    "Once upon a time there was a fox. ".repeat(60_000).getBytes(StandardCharsets.UTF_8), "tokens long",
                    Set.of("generate-text")),
            new Poison("a paragraph with a NUL character", Artifact.TEXT_PARAGRAPHS, "generate-text",
                    "Once upon a time\0 there was a fox.".getBytes(StandardCharsets.UTF_8), "control character",
                    Set.of("synthesis-audio-en", "translate-text")));

    @Test
    void poisonedPromptsFailWithTheirReasonAndThePromptsBehindThemComplete() throws Exception {
        long start = System.nanoTime();
        Map<String, Poison> poisoned = new LinkedHashMap<>();
        for (Poison poison : POISONS) {
            String topic = poison.artifact().topic();
            for (int partition = 0; partition < FaultStack.partitions(topic); partition++) {
                PromptId id = idOnPartition(topic, partition);
                FaultStack.put(poison.artifact().key(id), poison.content(), poison.artifact().contentType());
                FaultStack.send(topic, id.toString(), EventCodec.toJson(
                        PipelineEvent.of(id, poison.artifact(), poison.producer(), poison.content().length)));
                poisoned.put(id.toString(), poison);
            }
        }
        List<String> good = FaultStack.upload(GOOD_PROMPTS);

        List<JsonNode> listed = FaultStack.awaitFinished(good, Duration.ofMinutes(3));
        Set<Integer> goodPartitions = new TreeSet<>();
        for (JsonNode prompt : listed) {
            String id = prompt.path("id").asText();
            if (good.contains(id)) {
                assertFalse(prompt.path("failed").asBoolean(), prompt.toString());
                assertTrue(FaultStack.complete(prompt), prompt.toString());
                goodPartitions.add(FaultStack.partitionOf(Artifact.INPUT_AUDIOS.topic(), id));
            }
        }

        List<FailureEvent> failures = awaitFailures(poisoned, Duration.ofMinutes(2));
        for (FailureEvent failure : failures) {
            Poison poison = poisoned.get(failure.promptId().toString());
            assertFalse(failure.retryable(), failure.toString());
            assertTrue(failure.reason().contains(poison.reason()), poison.kind() + ": " + failure.reason());
        }
        for (Map.Entry<String, Poison> entry : poisoned.entrySet()) {
            if (entry.getValue().artifact() == Artifact.INPUT_AUDIOS) { // listed by the gateway: shown failed
                JsonNode prompt = FaultStack.gateway.prompt(entry.getKey());
                assertTrue(prompt.path("failed").asBoolean(), prompt.toString());
                assertTrue(GatewayClient.stage(prompt, "text-prompts").path("reason").asText()
                        .contains(entry.getValue().reason()), prompt.toString());
            }
        }

        for (Poison poison : POISONS) {
            failures.stream().filter(f -> poisoned.get(f.promptId().toString()) == poison).findFirst()
                    .ifPresent(f -> figure("poison: %s -> %s fails it: \"%s\"", poison.kind(), poison.failingStages(),
                            f.reason()));
        }
        figure("poison: %d poisoned prompts (%d kinds on each partition), %d failure events; %d good prompts behind "
                + "them (partitions %s) completed, %.0f s", poisoned.size(), POISONS.size(), failures.size(),
                GOOD_PROMPTS, goodPartitions, (System.nanoTime() - start) / 1e9);
    }

    /** A new prompt id whose records Kafka's default partitioner puts on the partition. */
    private static PromptId idOnPartition(String topic, int partition) {
        while (true) {
            PromptId id = PromptId.generate();
            if (FaultStack.partitionOf(topic, id.toString()) == partition) {
                return id;
            }
        }
    }

    /** Waits for one failure event per poisoned prompt and failing stage, and returns them. */
    private static List<FailureEvent> awaitFailures(Map<String, Poison> poisoned, Duration timeout) throws Exception {
        int expected = poisoned.values().stream().mapToInt(p -> p.failingStages().size()).sum();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<FailureEvent> failures = new ArrayList<>();
            Set<String> seen = new TreeSet<>();
            FaultStack.events().stream()
                    .filter(e -> e.topic().equals(Artifact.FAILURES_TOPIC) && poisoned.containsKey(e.key()))
                    .map(e -> EventCodec.parseFailure(e.value()))
                    .filter(f -> poisoned.get(f.promptId().toString()).failingStages().contains(f.stage()))
                    .filter(f -> seen.add(f.promptId() + " " + f.stage()))
                    .forEach(failures::add);
            if (failures.size() == expected) {
                return failures;
            }
            if (Instant.now().isAfter(deadline)) {
                assertEquals(expected, failures.size(), "failure events for the poisoned prompts: " + failures);
            }
            Thread.sleep(1000);
        }
    }
}
