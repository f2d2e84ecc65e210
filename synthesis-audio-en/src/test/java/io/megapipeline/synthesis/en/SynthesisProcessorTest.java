package io.megapipeline.synthesis.en;

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

/** The stage on a real broker and a real S3 server: a text-paragraphs event in, a WAV and a text-audios event out. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class SynthesisProcessorTest extends StageProcessorTestBase {

    @Test
    void aParagraphIsReadAloudIntoTextAudios() throws Exception {
        PromptId id = submit(("The old lighthouse keeper climbed the stairs every night.\n\n"
                + "One evening he saw a small boat in the storm.").getBytes(StandardCharsets.UTF_8));

        PipelineEvent out = stage.awaitOutput(Artifact.TEXT_AUDIOS, id);

        assertEquals(Artifact.TEXT_AUDIOS, out.artifact());
        assertEquals("text-audios/" + id + ".wav", out.key());
        assertEquals("synthesis-audio-en", out.producer());
        byte[] wav = store.get(out.key());
        assertEquals(wav.length, out.size());
        PcmAudio audio = Wav.read(wav, Duration.ofMinutes(5));
        assertTrue(audio.rms() > 0.02, "not silent: rms " + audio.rms());
        // 19 words at 175 words per minute: about 6.5 s, plus pauses between sentences.
        assertTrue(audio.durationSeconds() > 5 && audio.durationSeconds() < 11, audio.durationSeconds() + " s");
    }

    @Test
    void aParagraphThatCannotBeSpokenFailsThePromptWithTheReason() {
        PromptId id = submit("a bell\u0007 rings".getBytes(StandardCharsets.UTF_8));

        FailureEvent failure = stage.awaitFailure(id);

        assertEquals("synthesis-audio-en", failure.stage());
        assertEquals("text-paragraphs/" + id + ".txt", failure.inputKey());
        assertEquals("the text contains the control character U+0007 at position 6; only line breaks and tabs are allowed",
                failure.reason());
        assertFalse(failure.retryable());
        assertFalse(store.exists(Artifact.TEXT_AUDIOS.key(id)));
    }
}
