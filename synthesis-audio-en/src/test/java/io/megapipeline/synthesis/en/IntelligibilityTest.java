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
 * The configured English voice is understood: its speech, recognized back by Vosk, has a mean word
 * error rate no worse than {@link SynthesisBenchmark} measured for this setting.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class IntelligibilityTest {

    /** The benchmark's figure for the default setting (espeak-ng's own default voice "en" measured 0.288). */
    private static final double MEASURED_WER = 0.042;

    @Inject
    SpeechEngine engine;

    @Test
    void theDefaultVoiceIsUnderstoodByASpeechRecognizer() throws Exception {
        assertEquals("espeak-ng en-us 175 wpm, pitch 60, gap 8", engine.describe(), "the setting measured");
        double wer;
        try (Intelligibility intelligibility = new Intelligibility()) {
            wer = intelligibility.meanWer(engine);
        }
        assertTrue(wer <= MEASURED_WER + 1e-9 && wer <= 0.35, "mean WER " + wer + ", measured " + MEASURED_WER);
    }
}
