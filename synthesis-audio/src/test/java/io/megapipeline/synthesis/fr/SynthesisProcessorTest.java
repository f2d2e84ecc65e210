package io.megapipeline.synthesis.fr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.StageProcessorTestBase;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The stage on a real broker and a real S3 server: a text-translated event in, a WAV and an output-audios event out. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class SynthesisProcessorTest extends StageProcessorTestBase {

    @Test
    void aTranslationIsReadAloudIntoOutputAudios() throws Exception {
        PromptId id = submit(("Le vieux gardien du phare montait l'escalier chaque nuit.\n\n"
                + "Un soir, il vit un petit bateau dans la tempête.").getBytes(StandardCharsets.UTF_8));

        PipelineEvent out = stage.awaitOutput(Artifact.OUTPUT_AUDIOS, id);

        assertEquals(Artifact.OUTPUT_AUDIOS, out.artifact());
        assertEquals("output-audios/" + id + ".wav", out.key());
        assertEquals("synthesis-audio", out.producer());
        byte[] wav = store.get(out.key());
        assertEquals(wav.length, out.size());
        PcmAudio audio = Wav.read(wav, Duration.ofMinutes(5));
        assertTrue(audio.rms() > 0.02, "not silent: rms " + audio.rms());
        // 20 words at 175 words per minute: about 6.9 s, plus pauses between sentences.
        assertTrue(audio.durationSeconds() > 5 && audio.durationSeconds() < 11, audio.durationSeconds() + " s");
    }

    @Test
    void aTranslationThatCannotBeSpokenFailsThePromptWithTheReason() {
        PromptId id = submit("une cloche\u0007 sonne".getBytes(StandardCharsets.UTF_8));

        FailureEvent failure = stage.awaitFailure(id);

        assertEquals("synthesis-audio", failure.stage());
        assertEquals("text-translated/" + id + ".txt", failure.inputKey());
        assertEquals("the text contains the control character U+0007 at position 10; only line breaks and tabs are allowed",
                failure.reason());
        assertFalse(failure.retryable());
        assertFalse(store.exists(Artifact.OUTPUT_AUDIOS.key(id)));
    }
}
