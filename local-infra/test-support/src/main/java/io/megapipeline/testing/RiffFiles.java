package io.megapipeline.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds RIFF files chunk by chunk, including the broken ones a WAV reader must refuse. */
public final class RiffFiles {

    private RiffFiles() {
    }

    /** A RIFF file of the form type (e.g. "WAVE") whose size field counts the chunks. */
    public static byte[] riff(String form, byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(form));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        return chunk("RIFF", body.toByteArray());
    }

    /** A chunk: its id, its size and its body, padded to an even length. */
    public static byte[] chunk(String id, byte[] body) {
        byte[] chunk = unpadded(id, body);
        return body.length % 2 == 0 ? chunk : java.util.Arrays.copyOf(chunk, chunk.length + 1);
    }

    /** A chunk without the pad byte an odd-sized body should have. */
    public static byte[] unpadded(String id, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii(id)).putInt(body.length).put(body).array();
    }

    /** A 16-byte 'fmt ' body with every field given, consistent or not. */
    public static byte[] format(int tag, int channels, int sampleRate, int byteRate, int blockAlign, int bits) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) channels)
                .putInt(sampleRate).putInt(byteRate).putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE 'fmt ' body whose sub-format GUID starts with {@code subFormat}. */
    public static byte[] extensibleFormat(int subFormat, int channels, int sampleRate, int bits) {
        int blockAlign = channels * bits / 8;
        return ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .put(format(0xFFFE, channels, sampleRate, sampleRate * blockAlign, blockAlign, bits))
                .putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) subFormat).array();
    }

    /** A copy of the file with a little-endian 32-bit value written at the offset. */
    public static byte[] withInt(byte[] file, int offset, int value) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    /** A copy of the file with a little-endian 16-bit value written at the offset. */
    public static byte[] withShort(byte[] file, int offset, int value) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
        return copy;
    }

    /** The file with its RIFF size field set to what really follows it. */
    public static byte[] withRiffSizeFixed(byte[] file) {
        return file.length < 8 ? file : withInt(file, 4, file.length - 8);
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
