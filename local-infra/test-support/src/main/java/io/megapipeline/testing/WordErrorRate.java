package io.megapipeline.testing;

import java.util.Arrays;
import java.util.Locale;

/** Word error rate: word-level edit distance (substitutions, insertions, deletions) over the reference length. */
public final class WordErrorRate {

    private WordErrorRate() {
    }

    public static double of(String reference, String hypothesis) {
        String[] ref = words(reference);
        String[] hyp = words(hypothesis);
        if (ref.length == 0) {
            throw new IllegalArgumentException("empty reference");
        }
        int[] previous = new int[hyp.length + 1];
        int[] current = new int[hyp.length + 1];
        for (int j = 0; j <= hyp.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.length; i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.length; j++) {
                int substitution = previous[j - 1] + (ref[i - 1].equals(hyp[j - 1]) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (double) previous[hyp.length] / ref.length;
    }

    /** Lower-cased words without punctuation (apostrophes inside words are kept: "don't"). */
    public static String[] words(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").replaceAll("(^| )'+|'+( |$)", " ");
        return Arrays.stream(cleaned.trim().split("\\s+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }
}
