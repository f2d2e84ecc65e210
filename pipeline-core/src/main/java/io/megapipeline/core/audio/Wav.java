package io.megapipeline.core.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Locale;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.RejectedInputException.Kind;

/**
 * Reads and writes WAV files of 16-bit PCM. Reading is strict: every header field and chunk size is
 * checked against the bytes that are really there, and anything else is refused with a reason a
 * person can act on. The gateway and transcribe-audio share this reader, so an upload the gateway
 * accepts is one the recognizer can read.
 */
public final class Wav {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int MAX_CHANNELS = 8;
    private static final int MIN_RATE = 8_000;
    private static final int MAX_RATE = 192_000;
    private static final int MAX_CHUNKS = 64;

    private Wav() {
    }

    /** Where a checked WAV file's samples are and how they are laid out. */
    public record Header(int sampleRate, int channels, int dataOffset, int dataSize) {
    }

    /** Parses a WAV file, refusing it if it is longer than {@code maxDuration}. */
    public static PcmAudio read(byte[] file, Duration maxDuration) throws RejectedInputException {
        Header header = check(file, maxDuration);
        short[] samples = new short[header.dataSize / 2];
        ByteBuffer.wrap(file, header.dataOffset, header.dataSize).slice().order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer().get(samples);
        return new PcmAudio(header.sampleRate, header.channels, samples);
    }

    /**
     * Checks a WAV file as {@link #read} does (every header field, every chunk size, the duration the data
     * makes) without decoding a sample: what the gateway needs to accept an upload.
     */
    public static Header check(byte[] file, Duration maxDuration) throws RejectedInputException {
        if (file == null || file.length == 0) {
            throw new RejectedInputException("the audio is empty");
        }
        if (file.length < 12) {
            throw new RejectedInputException("not a WAV file: " + file.length + " bytes is too short for a RIFF header");
        }
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        String riff = fourCc(buf, 0);
        if (riff.equals("RIFX") || riff.equals("RF64")) {
            throw new RejectedInputException(Kind.UNSUPPORTED_FORMAT, riff + " files are not supported: send a little-endian RIFF WAV");
        }
        if (!riff.equals("RIFF") || !fourCc(buf, 8).equals("WAVE")) {
            throw new RejectedInputException(Kind.UNSUPPORTED_FORMAT, "not a WAV file (no RIFF/WAVE header)");
        }
        long riffEnd = 8 + Integer.toUnsignedLong(buf.getInt(4));
        if (riffEnd > file.length) {
            throw new RejectedInputException("truncated WAV: the header declares " + riffEnd + " bytes but the file has "
                    + file.length);
        }
        if (riffEnd < file.length - 1) {
            throw new RejectedInputException("inconsistent WAV: the header declares " + riffEnd + " bytes but the file has "
                    + file.length);
        }

        Format format = null;
        int dataOffset = -1;
        int dataSize = 0;
        int pos = 12;
        int chunks = 0;
        while (pos + 8 <= riffEnd) {
            if (++chunks > MAX_CHUNKS) {
                throw new RejectedInputException("WAV has more than " + MAX_CHUNKS + " chunks");
            }
            String id = fourCc(buf, pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            long body = pos + 8L;
            if (body + size > riffEnd) {
                throw new RejectedInputException("truncated WAV: chunk '" + printable(id) + "' declares " + size
                        + " bytes but only " + (riffEnd - body) + " follow");
            }
            if (id.equals("fmt ")) {
                if (format != null) {
                    throw new RejectedInputException("WAV has more than one 'fmt ' chunk");
                }
                format = Format.parse(buf, (int) body, (int) size);
            } else if (id.equals("data")) {
                if (dataOffset >= 0) {
                    throw new RejectedInputException("WAV has more than one 'data' chunk");
                }
                if (format == null) {
                    throw new RejectedInputException("WAV has its 'data' chunk before the 'fmt ' chunk");
                }
                dataOffset = (int) body;
                dataSize = (int) size;
            }
            pos = (int) (body + size + (size & 1)); // chunks are padded to an even length
        }
        if (format == null) {
            throw new RejectedInputException("WAV has no 'fmt ' chunk");
        }
        if (dataOffset < 0) {
            throw new RejectedInputException("WAV has no 'data' chunk");
        }
        if (dataSize == 0) {
            throw new RejectedInputException("the WAV has no samples");
        }
        if (dataSize % format.blockAlign != 0) {
            throw new RejectedInputException("inconsistent WAV: " + dataSize + " data bytes is not a whole number of "
                    + format.blockAlign + "-byte frames");
        }
        double seconds = (double) dataSize / format.byteRate;
        if (seconds > maxDuration.toMillis() / 1000.0) {
            throw new RejectedInputException(Kind.TOO_LARGE, String.format(Locale.ROOT,
                    "the audio is %.1f s long; the limit is %d s", seconds, maxDuration.toSeconds()));
        }
        return new Header(format.sampleRate, format.channels, dataOffset, dataSize);
    }

    /** A 16-bit PCM WAV file of the samples. */
    public static byte[] write(PcmAudio audio) {
        int dataSize = audio.samples().length * 2;
        ByteBuffer buf = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        buf.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataSize)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) FORMAT_PCM).putShort((short) audio.channels()).putInt(audio.sampleRate())
                .putInt(audio.sampleRate() * audio.channels() * 2).putShort((short) (audio.channels() * 2))
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataSize);
        buf.asShortBuffer().put(audio.samples());
        return buf.array();
    }

    private record Format(int channels, int sampleRate, int byteRate, int blockAlign) {

        static Format parse(ByteBuffer buf, int at, int size) throws RejectedInputException {
            if (size < 16) {
                throw new RejectedInputException("WAV 'fmt ' chunk is " + size + " bytes, at least 16 expected");
            }
            int tag = Short.toUnsignedInt(buf.getShort(at));
            int channels = Short.toUnsignedInt(buf.getShort(at + 2));
            long sampleRate = Integer.toUnsignedLong(buf.getInt(at + 4));
            long byteRate = Integer.toUnsignedLong(buf.getInt(at + 8));
            int blockAlign = Short.toUnsignedInt(buf.getShort(at + 12));
            int bits = Short.toUnsignedInt(buf.getShort(at + 14));
            if (tag == FORMAT_EXTENSIBLE && size >= 40) {
                tag = Short.toUnsignedInt(buf.getShort(at + 24)); // the sub-format GUID starts with the format tag
            }
            if (tag != FORMAT_PCM) {
                throw new RejectedInputException(Kind.UNSUPPORTED_FORMAT, "WAV format " + formatName(tag)
                        + " is not supported: send 16-bit PCM");
            }
            if (bits != 16) {
                throw new RejectedInputException(Kind.UNSUPPORTED_FORMAT, bits + "-bit PCM is not supported: send 16-bit PCM");
            }
            if (channels == 0 || channels > MAX_CHANNELS) {
                throw new RejectedInputException("WAV declares " + channels + " channels; 1 to " + MAX_CHANNELS + " are accepted");
            }
            if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
                throw new RejectedInputException("WAV sample rate " + sampleRate + " Hz is outside " + MIN_RATE + " to "
                        + MAX_RATE + " Hz");
            }
            if (blockAlign != channels * 2 || byteRate != sampleRate * blockAlign) {
                throw new RejectedInputException("inconsistent WAV header: block align " + blockAlign + " and byte rate "
                        + byteRate + " do not match " + channels + " channels of 16-bit samples at " + sampleRate + " Hz");
            }
            return new Format(channels, (int) sampleRate, (int) byteRate, blockAlign);
        }

        private static String formatName(int tag) {
            return switch (tag) {
                case 2 -> "ADPCM";
                case 3 -> "IEEE float";
                case 6 -> "A-law";
                case 7 -> "mu-law";
                case 0x11 -> "IMA ADPCM";
                case 0x55 -> "MP3";
                default -> "tag " + tag;
            };
        }
    }

    private static String fourCc(ByteBuffer buf, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (buf.get(at + i) & 0xff);
        }
        return new String(c);
    }

    private static String printable(String id) {
        return id.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f) ? id : "?";
    }
}
