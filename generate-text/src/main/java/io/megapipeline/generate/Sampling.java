package io.megapipeline.generate;

import java.nio.charset.StandardCharsets;

import io.megapipeline.core.stage.RejectedInputException;

/**
 * How to continue a prompt: at most {@code maxNewTokens} tokens, drawn with {@code temperature}
 * (0 = greedy: always the most likely token), from the {@code topK} most likely tokens (0 = no limit)
 * and the smallest set of them whose probabilities add up to {@code topP}. The same seed gives the same text.
 */
public record Sampling(int maxNewTokens, double temperature, int topK, double topP, long seed) {

    /** Greedy decoding: the model's single most likely continuation. */
    public static Sampling greedy(int maxNewTokens) {
        return new Sampling(maxNewTokens, 0, 0, 1, 0);
    }

    public Sampling withSeed(long newSeed) {
        return new Sampling(maxNewTokens, temperature, topK, topP, newSeed);
    }

    public Sampling withMaxNewTokens(int tokens) {
        return new Sampling(tokens, temperature, topK, topP, seed);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }

    /**
     * A seed derived from a text (a prompt id, or the prompt itself), stable across runs and machines:
     * 64-bit FNV-1a over its UTF-8 bytes.
     */
    public static long seedOf(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /** Refuses parameters that make no sense, with the reason. */
    public void validate() throws RejectedInputException {
        if (maxNewTokens < 1) {
            throw new RejectedInputException("maxNewTokens must be at least 1, not " + maxNewTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new RejectedInputException("temperature must be a number of 0 or more, not " + temperature);
        }
        if (topK < 0) {
            throw new RejectedInputException("topK must be 0 (no limit) or more, not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new RejectedInputException("topP must be more than 0 and at most 1, not " + topP);
        }
    }
}
