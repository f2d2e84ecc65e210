package io.megapipeline.transcribe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;

/**
 * Every kind of audio the stage refuses, with the HTTP status and the reason it is refused with. The
 * WAV variants are made from a real clip by sox or by editing its header.
 */
enum BadAudio {
    NOT_A_WAV(415, "not a WAV file (no RIFF/WAVE header)",
            () -> "ID3\u0003 this is an MP3 tag, not a RIFF header".getBytes(StandardCharsets.US_ASCII)),
    EMPTY(400, "the audio is empty", () -> new byte[0]),
    FLOAT(415, "WAV format IEEE float is not supported: send 16-bit PCM", () -> sox("-e", "floating-point", "-b", "32")),
    MU_LAW(415, "WAV format mu-law is not supported: send 16-bit PCM", () -> sox("-e", "u-law")),
    ADPCM(415, "WAV format ADPCM is not supported: send 16-bit PCM", () -> sox("-e", "ms-adpcm")),
    EIGHT_BIT(415, "8-bit PCM is not supported: send 16-bit PCM", () -> sox("-e", "unsigned", "-b", "8")),
    TRUNCATED(400, "truncated WAV: the header declares 35096 bytes but the file has 34096", () -> {
        byte[] wav = clip();
        return Arrays.copyOf(wav, wav.length - 1000);
    }),
    ODD_DATA_SIZE(400, "inconsistent WAV: 35051 data bytes is not a whole number of 2-byte frames", () -> {
        byte[] wav = clip();
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, wav.length - 44 - 1);
        return wav;
    }),
    OVERLONG_CHUNK(400, "truncated WAV: chunk 'data' declares 40000 bytes but only 35052 follow", () -> {
        byte[] wav = clip();
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 40_000);
        return wav;
    }),
    NO_SAMPLES(400, "the WAV has no samples", () -> Wav.write(new PcmAudio(16_000, 1, new short[0]))),
    TOO_LONG(413, "the audio is 61.0 s long; the limit is 60 s", () -> Wav.write(new PcmAudio(16_000, 1, new short[61 * 16_000]))),
    SILENCE(400, "no speech recognized", () -> Wav.write(new PcmAudio(16_000, 1, new short[2 * 16_000])));

    final int status;
    final String reason;
    private final Supplier<byte[]> bytes;

    BadAudio(int status, String reason, Supplier<byte[]> bytes) {
        this.status = status;
        this.reason = reason;
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes.get();
    }

    /** The source of the WAV variants: "ten of clubs", 1.1 s, 16 kHz mono, a 44-byte header and 35052 data bytes. */
    private static byte[] clip() {
        return SpeechClips.cards().get(0).bytes();
    }

    private static byte[] sox(String... encoding) {
        Path out = Path.of("target", "bad-audio", String.join("", encoding) + ".wav");
        String[] args = new String[encoding.length + 2];
        args[0] = SpeechClips.cards().get(0).wav().toString();
        System.arraycopy(encoding, 0, args, 1, encoding.length);
        args[args.length - 1] = out.toString();
        SpeechClips.sox(args);
        try {
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
