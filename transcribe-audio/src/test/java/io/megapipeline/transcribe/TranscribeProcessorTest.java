package io.megapipeline.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.stage.StageProcessorTestBase;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.megapipeline.testing.WordErrorRate;
import io.megapipeline.transcribe.SpeechClips.Clip;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The stage through a real Kafka broker and a real S3 server: input-audios in, text-prompts out. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class TranscribeProcessorTest extends StageProcessorTestBase {

    @Test
    void storedSpeechBecomesATextPromptAndItsEvent() {
        Clip clip = SpeechClips.librivox().get(0); // 7.1 s of a LibriVox reader
        PromptId id = submit(clip.bytes());

        PipelineEvent out = stage.awaitOutput(Artifact.TEXT_PROMPTS, id);

        byte[] stored = store.get(out.key());
        String text = new String(stored, StandardCharsets.UTF_8);
        assertEquals(Artifact.TEXT_PROMPTS, out.artifact());
        assertEquals("text-prompts/" + id + ".txt", out.key());
        assertEquals("transcribe-audio", out.producer());
        assertEquals(stored.length, out.size());
        assertTrue(WordErrorRate.of(clip.reference(), text) <= 0.12, text);
    }

    @Test
    void badAudioFailsThePromptWithTheReasonAndIsNotRetried() {
        Map<BadAudio, PromptId> ids = new EnumMap<>(BadAudio.class);
        for (BadAudio bad : BadAudio.values()) {
            ids.put(bad, submit(bad.bytes()));
        }

        Map<PromptId, FailureEvent> failures = stage.awaitFailures(ids.values());

        for (BadAudio bad : BadAudio.values()) {
            PromptId id = ids.get(bad);
            FailureEvent failure = failures.get(id);
            assertEquals(bad.reason, failure.reason(), bad.name());
            assertFalse(failure.retryable(), bad.name());
            assertEquals("transcribe-audio", failure.stage());
            assertEquals(Artifact.INPUT_AUDIOS.key(id), failure.inputKey());
            assertFalse(store.exists(Artifact.TEXT_PROMPTS.key(id)), bad.name());
        }
    }
}
