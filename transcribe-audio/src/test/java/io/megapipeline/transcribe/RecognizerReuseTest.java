package io.megapipeline.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.testing.WordErrorRate;
import io.megapipeline.transcribe.SpeechClips.Clip;

/**
 * One recognizer serves every request in turn: what a request leaves in it (another speaker, a refused
 * input) must not change what the next request hears.
 */
class RecognizerReuseTest {

    private static VoskTranscriptionEngine engine;

    @BeforeAll
    static void loadModel() {
        // one recognizer: every request below reuses it
        engine = new VoskTranscriptionEngine(TranscribeSettings.withRecognizers(1));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aRecognizerHearsEachPromptAsIfItWereTheFirst() throws Exception {
        List<Clip> clips = SpeechClips.librivox();
        Clip first = clips.get(0);
        Transcript before = engine.transcribe(first.bytes());

        for (Clip other : clips.subList(1, clips.size())) {
            engine.transcribe(other.bytes());
        }
        assertThrows(RejectedInputException.class, () -> engine.transcribe(Wav.write(new PcmAudio(16_000, 1, new short[16_000]))));
        Transcript again = engine.transcribe(first.bytes());

        // Kaldi dithers its features with random noise, so a word may differ between two runs: one word at most.
        double firstWer = WordErrorRate.of(first.reference(), before.text());
        double againWer = WordErrorRate.of(first.reference(), again.text());
        int words = first.reference().split(" ").length;
        assertTrue(Math.abs(againWer - firstWer) <= 1.0 / words + 1e-9, String.format(Locale.ROOT,
                "WER %.3f on the first request, %.3f on the same clip after %d others", firstWer, againWer, clips.size()));
        // Word times count from the start of each request's audio, not from the recognizer's first request.
        assertEquals(before.words().get(0).start(), again.words().get(0).start(), 0.05, again.words().get(0).toString());
        assertEquals(before.words().get(before.words().size() - 1).end(),
                again.words().get(again.words().size() - 1).end(), 0.05);
    }
}
