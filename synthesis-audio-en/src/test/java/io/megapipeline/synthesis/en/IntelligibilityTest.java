package io.megapipeline.synthesis.en;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.megapipeline.synthesis.SpeechEngine;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The configured English voice is understood: its speech, recognized back by Vosk, has a mean word error rate on
 * {@link Intelligibility#SENTENCES} no worse than the voice it replaced (VoiceComparison measures the voices on
 * held-out story sentences: there Pico en-GB has 0.119, espeak-ng's tuned setting 0.216).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class IntelligibilityTest {

    /**
     * What the voice it replaced, espeak-ng at its tuned setting, has on {@link Intelligibility#SENTENCES}; Pico
     * en-GB measured 0.010 there. The bound leaves room for the recognizer's random dither.
     */
    private static final double REPLACED_VOICE_WER = 0.042;

    @Inject
    EnglishSynthesis stage;

    @Test
    void theDefaultVoiceIsUnderstoodByASpeechRecognizer() throws Exception {
        SpeechEngine engine = stage.engine();
        assertEquals("pico en-GB", engine.describe(), "the voice measured");
        double wer;
        try (Intelligibility intelligibility = new Intelligibility()) {
            wer = intelligibility.meanWer(engine);
        }
        System.out.printf("mean WER of %s: %.3f%n", engine.describe(), wer);
        assertTrue(wer <= REPLACED_VOICE_WER, "mean WER " + wer + ", the replaced voice " + REPLACED_VOICE_WER);
    }
}
