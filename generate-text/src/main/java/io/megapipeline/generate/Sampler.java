package io.megapipeline.generate;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks the next token of one sequence from the model's logits. The engine has no array maths, so
 * this is plain Java: temperature, top-k, top-p (nucleus), then one draw from a seeded generator.
 */
final class Sampler {

    private final Sampling sampling;
    // java.util.Random's algorithm is fixed by its specification: the same seed draws the same numbers everywhere.
    private final Random random;

    Sampler(Sampling sampling) {
        this.sampling = sampling;
        this.random = new Random(sampling.seed());
    }

    /** The next token, from {@code vocab} logits starting at {@code offset}. */
    int next(float[] logits, int offset, int vocab) {
        if (sampling.isGreedy()) {
            return argmax(logits, offset, vocab);
        }
        int[] candidates = mostLikely(logits, offset, vocab, sampling.topK() > 0 ? Math.min(sampling.topK(), vocab) : vocab);
        double[] weights = new double[candidates.length];
        double max = logits[offset + candidates[0]];
        double total = 0;
        for (int i = 0; i < candidates.length; i++) {
            weights[i] = Math.exp((logits[offset + candidates[i]] - max) / sampling.temperature());
            total += weights[i];
        }
        // Nucleus: keep the most likely candidates until their probabilities reach top-p.
        int kept = 0;
        double cumulative = 0;
        while (kept < candidates.length && cumulative < sampling.topP() * total) {
            cumulative += weights[kept++];
        }
        double draw = random.nextDouble() * cumulative;
        for (int i = 0; i < kept; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return candidates[i];
            }
        }
        return candidates[kept - 1];
    }

    static int argmax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** The {@code k} token ids with the highest logits, most likely first (ties: lower id first). */
    private static int[] mostLikely(float[] logits, int offset, int vocab, int k) {
        // Sort (logit, id) pairs as longs: an order-preserving int image of the float, then the id.
        long[] keyed = new long[vocab];
        for (int i = 0; i < vocab; i++) {
            int bits = Float.floatToIntBits(logits[offset + i]);
            int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
            keyed[i] = ((long) ~ordered << 32) | i;
        }
        Arrays.sort(keyed);
        int[] ids = new int[k];
        for (int i = 0; i < k; i++) {
            ids[i] = (int) keyed[i];
        }
        return ids;
    }
}
