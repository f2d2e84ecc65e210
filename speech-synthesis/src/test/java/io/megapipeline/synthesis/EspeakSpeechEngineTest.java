package io.megapipeline.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.RejectedInputException.Kind;

/** The engine with the real espeak-ng program. */
class EspeakSpeechEngineTest {

    private static EspeakSpeechEngine english;

    @BeforeAll
    static void start() {
        english = new EspeakSpeechEngine(SpeechSettings.of("en-us").withMaxChars(5000));
    }

    private static PcmAudio speak(String text) throws RejectedInputException {
        byte[] wav = english.synthesize(text);
        return Wav.read(wav, Duration.ofMinutes(30)); // the strict reader checks every size
    }

    @Test
    void theOutputIsAWavWithTrueSizes() throws Exception {
        byte[] wav = english.synthesize("The quick brown fox jumps over the lazy dog.");
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(wav.length - 8, header.getInt(4), "RIFF size");
        assertEquals(wav.length - 44, header.getInt(40), "data size");
        PcmAudio audio = Wav.read(wav, Duration.ofMinutes(1));
        assertEquals(22050, audio.sampleRate());
        assertEquals(1, audio.channels());
        assertTrue(audio.durationSeconds() > 1.5 && audio.durationSeconds() < 6, audio.durationSeconds() + " s");
        assertTrue(audio.rms() > 0.02, "not silent: rms " + audio.rms());
    }

    @Test
    void aLongTextIsSpokenWhole() throws Exception {
        String sentence = "Every piece of this long story is read aloud to the very end. ";
        String text = (sentence.repeat(20) + "\n\n").repeat(3); // 3,700 characters, several pieces

        PcmAudio audio = speak(text);

        double oneSentence = speak(sentence).durationSeconds();
        assertTrue(SpeechText.pieces(text).size() >= 6);
        assertTrue(audio.durationSeconds() > 50 * oneSentence && audio.durationSeconds() < 70 * oneSentence,
                audio.durationSeconds() + " s for 60 sentences of " + oneSentence + " s");
    }

    @Test
    void textThatLooksLikeAnOptionIsSpoken() throws Exception {
        PcmAudio dashed = speak("--version of the story");
        PcmAudio plain = speak("version of the story");

        assertTrue(dashed.rms() > 0.02, "not silent");
        assertEquals(plain.durationSeconds(), dashed.durationSeconds(), 0.3, "the same words are spoken");
    }

    @Test
    void badTextIsRefused() {
        assertEquals(Kind.INVALID, assertThrows(RejectedInputException.class, () -> english.synthesize(" \n ")).kind());
        assertEquals(Kind.TOO_LARGE,
                assertThrows(RejectedInputException.class, () -> english.synthesize("a".repeat(5001))).kind());
        assertEquals(Kind.INVALID,
                assertThrows(RejectedInputException.class, () -> english.synthesize("bell\u0007")).kind());
    }

    @Test
    void anUnknownVoiceStopsTheEngineAtCreationWithTheReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EspeakSpeechEngine(SpeechSettings.of("xx-nowhere")));
        assertTrue(e.getMessage().startsWith("espeak-ng cannot speak with voice 'xx-nowhere': "), e.getMessage());
        assertTrue(e.getMessage().contains("voice does not exist"), e.getMessage());
    }

    @Test
    void aMissingProgramStopsTheEngineAtCreationWithTheReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EspeakSpeechEngine(SpeechSettings.of("en").withCommand("/nonexistent/espeak-ng")));
        assertTrue(e.getMessage().startsWith("cannot run espeak-ng ('/nonexistent/espeak-ng'): "), e.getMessage());
        assertTrue(e.getMessage().endsWith("install the Debian package espeak-ng"), e.getMessage());
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EspeakSpeechEngine(SpeechSettings.of("en").withSpeed(20)));
        assertEquals("synthesis speed is 20; expected 80 to 450", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EspeakSpeechEngine(SpeechSettings.of("-f/etc/passwd")));
    }

    @Test
    void theStreamingHeaderOfEspeakIsReadUpToTheEndOfTheOutput() {
        ByteBuffer out = ByteBuffer.allocate(44 + 6).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(0x7fffffff).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(22050).putInt(44100).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(0x7fffffff).putShort((short) 1).putShort((short) -2).putShort((short) 3);

        PcmAudio audio = EspeakOutput.parse(out.array());

        assertEquals(22050, audio.sampleRate());
        assertArrayEquals(new short[] { 1, -2, 3 }, audio.samples());
    }
}
