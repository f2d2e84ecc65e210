package io.megapipeline.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Repeatable random damage to WAV files, for fuzzing WAV readers: bit flips, interesting values in
 * header fields, truncations, insertions, deletions, duplicated and made-up chunks. Most damage lands in
 * the first 64 bytes, where the header is: flipped samples are still a valid WAV and test nothing.
 */
public final class WavMutator {

    private static final int HEADER = 64;
    private static final int[] BYTES = { 0, 1, 0x7F, 0x80, 0xFF };
    private static final int[] SHORTS = { 0, 1, 2, 3, 8, 16, 24, 32, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF };
    private static final int[] INTS = { 0, 1, 2, -1, 0x7FFFFFFF, 0x80000000, 0xFFFF, 7_999, 8_000, 16_000, 32_000,
            192_000, 192_001, 44, 1 << 20 };
    private static final String[] CHUNK_IDS = { "junk", "LIST", "fmt ", "data", "RIFF", "\0\0\0\0" };

    /** One damaged file and what was done to it. */
    public record Mutant(byte[] bytes, String damage) {
    }

    private final Random random;
    private final List<byte[]> seeds;

    public WavMutator(long seed, List<byte[]> seeds) {
        this.random = new Random(seed);
        this.seeds = List.copyOf(seeds);
    }

    /**
     * Three valid WAVs of the same 16-bit mono samples, to damage: plain PCM at the rate; two channels at
     * half the rate with a LIST chunk before the data; WAVE_FORMAT_EXTENSIBLE.
     */
    public static List<byte[]> seeds(byte[] monoSamples, int rate) {
        byte[] samples = Arrays.copyOf(monoSamples, monoSamples.length / 4 * 4); // whole stereo frames
        byte[] list = RiffFiles.chunk("LIST", RiffFiles.ascii("INFOISFT\u0006\0\0\0fuzz\0\0"));
        return List.of(
                RiffFiles.riff("WAVE", RiffFiles.chunk("fmt ", RiffFiles.format(1, 1, rate, rate * 2, 2, 16)),
                        RiffFiles.chunk("data", samples)),
                RiffFiles.riff("WAVE", RiffFiles.chunk("fmt ", RiffFiles.format(1, 2, rate / 2, rate * 2, 4, 16)), list,
                        RiffFiles.chunk("data", samples)),
                RiffFiles.riff("WAVE", RiffFiles.chunk("fmt ", RiffFiles.extensibleFormat(1, 1, rate, 16)),
                        RiffFiles.chunk("data", samples)));
    }

    /** A seed with one to three kinds of damage; half the time its RIFF size is made to match again. */
    public Mutant next() {
        byte[] wav = seeds.get(random.nextInt(seeds.size())).clone();
        List<String> damage = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            wav = mutate(wav, damage);
        }
        if (random.nextBoolean() && wav.length >= 8) {
            wav = RiffFiles.withRiffSizeFixed(wav);
            damage.add("RIFF size fixed");
        }
        return new Mutant(wav, String.join("; ", damage));
    }

    private byte[] mutate(byte[] wav, List<String> damage) {
        int op = wav.length < 4 ? 5 : random.nextInt(9);
        switch (op) {
            case 0 -> {
                int at = position(wav.length);
                int bit = random.nextInt(8);
                wav[at] ^= (byte) (1 << bit);
                damage.add("bit " + bit + " of byte " + at + " flipped");
            }
            case 1 -> {
                int at = position(wav.length);
                wav[at] = (byte) pick(BYTES);
                damage.add(hex(wav[at] & 0xff) + " at byte " + at);
            }
            case 2 -> {
                int at = fieldOffset(wav.length, 4);
                int value = pick(INTS);
                wav = RiffFiles.withInt(wav, at, value);
                damage.add("int " + hex(value) + " at " + at);
            }
            case 3 -> {
                int at = fieldOffset(wav.length, 2);
                int value = pick(SHORTS);
                wav = RiffFiles.withShort(wav, at, value);
                damage.add("short " + hex(value) + " at " + at);
            }
            case 4 -> {
                int length = random.nextBoolean() ? random.nextInt(Math.min(wav.length, HEADER)) : random.nextInt(wav.length);
                wav = Arrays.copyOf(wav, length);
                damage.add("truncated to " + length);
            }
            case 5 -> {
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                int at = random.nextInt(Math.min(wav.length, HEADER) + 1);
                wav = splice(wav, at, 0, inserted);
                damage.add(inserted.length + " random bytes inserted at " + at);
            }
            case 6 -> {
                int at = position(wav.length);
                int length = Math.min(1 + random.nextInt(16), wav.length - at);
                wav = splice(wav, at, length, new byte[0]);
                damage.add(length + " bytes deleted at " + at);
            }
            case 7 -> {
                List<int[]> chunks = chunks(wav);
                if (chunks.isEmpty()) {
                    return mutate(wav, damage);
                }
                int[] chunk = chunks.get(random.nextInt(chunks.size()));
                byte[] copy = Arrays.copyOfRange(wav, chunk[0], chunk[0] + chunk[1]);
                wav = splice(wav, chunk[0] + chunk[1], 0, copy);
                damage.add("chunk at " + chunk[0] + " duplicated");
            }
            default -> {
                String id = CHUNK_IDS[random.nextInt(CHUNK_IDS.length)];
                byte[] body = new byte[random.nextInt(40)];
                random.nextBytes(body);
                byte[] chunk = random.nextBoolean() ? RiffFiles.chunk(id, body) : RiffFiles.unpadded(id, body);
                List<int[]> chunks = chunks(wav);
                int at = chunks.isEmpty() ? Math.min(12, wav.length) : chunks.get(random.nextInt(chunks.size()))[0];
                wav = splice(wav, at, 0, chunk);
                damage.add("'" + id.trim() + "' chunk of " + body.length + " bytes inserted at " + at);
            }
        }
        return wav;
    }

    /** Mostly in the header, sometimes anywhere. */
    private int position(int length) {
        return random.nextInt(10) < 7 ? random.nextInt(Math.min(length, HEADER)) : random.nextInt(length);
    }

    /** An aligned offset in the header where a field of the width fits. */
    private int fieldOffset(int length, int width) {
        int last = Math.min(length, HEADER) - width;
        return random.nextInt(last / width + 1) * width;
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Offset and length of each whole chunk after the RIFF header, as far as the sizes make sense. */
    private static List<int[]> chunks(byte[] wav) {
        List<int[]> chunks = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        long at = 12;
        while (at + 8 <= wav.length) {
            long size = Integer.toUnsignedLong(buf.getInt((int) at + 4));
            long end = at + 8 + size + (size & 1);
            if (end > wav.length) {
                break;
            }
            chunks.add(new int[] { (int) at, (int) (end - at) });
            at = end;
        }
        return chunks;
    }

    private static byte[] splice(byte[] wav, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wav.length + insert.length);
        out.write(wav, 0, at);
        out.writeBytes(insert);
        out.write(wav, at + remove, wav.length - at - remove);
        return out.toByteArray();
    }

    private static String hex(int value) {
        return String.format(Locale.ROOT, "0x%x", value);
    }

    /** A refusal reason without its numbers and details: "truncated WAV", "WAV sample rate # Hz is outside...". */
    public static String reasonClass(String reason) {
        String general = reason.replaceAll("\\d+", "#");
        int colon = general.indexOf(':');
        return colon < 0 ? general : general.substring(0, colon);
    }
}
