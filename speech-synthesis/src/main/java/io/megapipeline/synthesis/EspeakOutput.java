package io.megapipeline.synthesis;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.megapipeline.core.audio.PcmAudio;

/**
 * Reads what {@code espeak-ng --stdout} writes: a WAV header whose RIFF and data sizes are
 * placeholders (0x7fffffff, since it streams), then 16-bit samples up to the end of the output.
 * The sizes are ignored; the samples are whatever follows the data chunk header.
 */
final class EspeakOutput {

    private EspeakOutput() {
    }

    static PcmAudio parse(byte[] out) {
        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (out.length < 12 || !ascii(out, 0).equals("RIFF") || !ascii(out, 8).equals("WAVE")) {
            throw new IllegalStateException("espeak-ng did not write a WAV (" + out.length + " bytes)");
        }
        int channels = 0;
        int rate = 0;
        int pos = 12;
        while (pos + 8 <= out.length) {
            String id = ascii(out, pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > out.length) {
                    throw new IllegalStateException("espeak-ng wrote a short 'fmt ' chunk");
                }
                int format = Short.toUnsignedInt(buf.getShort(body));
                channels = Short.toUnsignedInt(buf.getShort(body + 2));
                rate = buf.getInt(body + 4);
                int bits = Short.toUnsignedInt(buf.getShort(body + 14));
                if (format != 1 || bits != 16 || channels == 0 || rate <= 0) {
                    throw new IllegalStateException("espeak-ng wrote format " + format + ", " + bits + " bits, "
                            + channels + " channels at " + rate + " Hz; 16-bit PCM expected");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IllegalStateException("espeak-ng wrote samples before the 'fmt ' chunk");
                }
                int frameBytes = 2 * channels;
                int available = (out.length - body) / frameBytes * frameBytes;
                short[] samples = new short[available / 2];
                ByteBuffer.wrap(out, body, available).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
                return new PcmAudio(rate, channels, samples);
            }
            pos = (int) Math.min(out.length, body + size + (size & 1));
        }
        throw new IllegalStateException("espeak-ng wrote no 'data' chunk");
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
