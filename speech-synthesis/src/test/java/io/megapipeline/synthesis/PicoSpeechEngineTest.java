package io.megapipeline.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.RejectedInputException;

/** SVOX Pico through pico2wave: real speech, pieces joined, what it cannot say left out, clear refusals. */
class PicoSpeechEngineTest {

    private static PcmAudio speak(PicoSpeechEngine engine, String text) throws Exception {
        return Wav.read(engine.synthesize(text), Duration.ofMinutes(10));
    }

    @Test
    void englishAndFrenchAreSpokenAt16kHzMonoAboutAsLongAsTheirWords() throws Exception {
        for (String language : new String[] { "en-US", "fr-FR" }) {
            PcmAudio audio = speak(new PicoSpeechEngine(SpeechSettings.of(language)),
                    "Once upon a time, there was a little girl named Lily. She loved to play outside.");
            assertEquals(16_000, audio.sampleRate(), language);
            assertEquals(1, audio.channels(), language);
            assertTrue(audio.durationSeconds() > 3 && audio.durationSeconds() < 9, language + ": " + audio.durationSeconds());
            assertTrue(audio.rms() > 0.02, language + " rms " + audio.rms());
        }
    }

    @Test
    void aLongTextIsSpokenInPiecesJoinedInOrder() throws Exception {
        PicoSpeechEngine engine = new PicoSpeechEngine(SpeechSettings.of("en-US"));
        String sentence = "The little dog ran after the red ball in the park. ";
        double one = speak(engine, sentence).durationSeconds();
        double many = speak(engine, sentence.repeat(40)).durationSeconds(); // over 2000 characters: three pieces
        assertTrue(many > 30 * one && many < 50 * one, one + " s once, " + many + " s forty times");
    }

    @Test
    void charactersPicoCannotSayAreLeftOutAndTextWithNothingToSayIsRefused() throws Exception {
        PicoSpeechEngine engine = new PicoSpeechEngine(SpeechSettings.of("en-US"));
        assertTrue(speak(engine, "The cat ✓ sat 漢字 on the mat.").durationSeconds() > 1);
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> engine.synthesize("✓ 漢字"));
        assertEquals("the text has nothing to speak", e.getMessage());
        assertThrows(RejectedInputException.class, () -> engine.synthesize(" "));
    }

    @Test
    void aTextThatLooksLikeAnOptionIsSpoken() throws Exception {
        assertTrue(speak(new PicoSpeechEngine(SpeechSettings.of("en-US")), "-w /tmp/x --help").durationSeconds() > 0.5);
    }

    @Test
    void anUnknownLanguageStopsStartUpNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PicoSpeechEngine(SpeechSettings.of("en-us")));
        assertTrue(e.getMessage().contains("is not a Pico language: use one of de-DE, en-GB, en-US"), e.getMessage());
    }
}
