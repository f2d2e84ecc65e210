package io.megapipeline.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.RejectedInputException.Kind;

class WavTest {

    private static final Duration MAX = Duration.ofSeconds(60);

    private static PcmAudio sine(int rate, int channels, double hz, double seconds) {
        int frames = (int) (rate * seconds);
        short[] s = new short[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                s[f * channels + c] = (short) (10_000 * Math.sin(2 * Math.PI * hz * f / rate));
            }
        }
        return new PcmAudio(rate, channels, s);
    }

    private static RejectedInputException refused(byte[] file) {
        return assertThrows(RejectedInputException.class, () -> Wav.read(file, MAX));
    }

    private static byte[] patched(byte[] file, int offset, int value, boolean asShort) {
        byte[] copy = file.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        if (asShort) {
            b.putShort(offset, (short) value);
        } else {
            b.putInt(offset, value);
        }
        return copy;
    }

    @Test
    void whatIsWrittenReadsBack() throws Exception {
        PcmAudio audio = sine(16_000, 2, 440, 0.5);
        PcmAudio read = Wav.read(Wav.write(audio), MAX);
        assertEquals(16_000, read.sampleRate());
        assertEquals(2, read.channels());
        assertArrayEquals(audio.samples(), read.samples());
        assertEquals(0.5, read.durationSeconds(), 1e-9);
    }

    @Test
    void downmixAndResamplingKeepTheSignal() {
        PcmAudio stereo = sine(44_100, 2, 1000, 1.0);
        PcmAudio mono16k = stereo.toMono(16_000);
        assertEquals(1, mono16k.channels());
        assertEquals(16_000, mono16k.frames());
        assertEquals(stereo.rms(), mono16k.rms(), 0.01);
        // a 1 kHz tone crosses zero 2000 times a second
        long crossings = 0;
        short[] s = mono16k.samples();
        for (int i = 1; i < s.length; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                crossings++;
            }
        }
        assertEquals(2000, crossings, 4);
    }

    @Test
    void downsamplingRemovesWhatTheNewRateCannotHold() {
        PcmAudio tone = sine(44_100, 1, 12_000, 1.0); // above 8 kHz, the Nyquist limit of 16 kHz
        assertTrue(tone.toMono(16_000).rms() < 0.01 * tone.rms(), "aliased energy left: " + tone.toMono(16_000).rms());
    }

    @Test
    void badFilesAreRefusedWithTheirReason() {
        byte[] good = Wav.write(sine(16_000, 1, 440, 0.2));
        assertEquals("the audio is empty", refused(new byte[0]).getMessage());
        assertEquals(Kind.UNSUPPORTED_FORMAT, refused("hello, this is not audio".getBytes()).kind());
        assertTrue(refused(Arrays.copyOf(good, 100)).getMessage().startsWith("truncated WAV"));
        assertTrue(refused(patched(good, 40, 1_000_000, false)).getMessage().contains("chunk 'data' declares 1000000"));
        assertTrue(refused(patched(good, 40, -8, false)).getMessage().startsWith("truncated WAV"));
        assertEquals("WAV format IEEE float is not supported: send 16-bit PCM", refused(patched(good, 20, 3, true)).getMessage());
        assertEquals("8-bit PCM is not supported: send 16-bit PCM", refused(patched(good, 34, 8, true)).getMessage());
        assertTrue(refused(patched(good, 22, 0, true)).getMessage().contains("0 channels"));
        assertTrue(refused(patched(good, 24, 0, false)).getMessage().contains("sample rate 0 Hz"));
        assertTrue(refused(patched(good, 28, 1, false)).getMessage().startsWith("inconsistent WAV header"));
        RejectedInputException tooLong = assertThrows(RejectedInputException.class,
                () -> Wav.read(good, Duration.ofMillis(100)));
        assertEquals(Kind.TOO_LARGE, tooLong.kind());
        assertEquals("the audio is 0.2 s long; the limit is 0 s", tooLong.getMessage());
    }

    @Test
    void aWavWithoutSamplesIsRefused() {
        byte[] empty = Wav.write(new PcmAudio(16_000, 1, new short[0]));
        assertEquals("the WAV has no samples", refused(empty).getMessage());
    }
}
