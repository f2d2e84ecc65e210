package io.megapipeline.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Corpus-level chrF and BLEU of translations against references, as sacreBLEU computes them by default:
 * chrF2 (character n-grams of 1 to 6, spaces removed, recall weighted twice) and BLEU-4 (word n-grams of 1
 * to 4, punctuation split from words, brevity penalty), both on a 0 to 100 scale, statistics summed over
 * the whole corpus before the score is taken.
 */
final class TranslationScores {

    private static final int CHAR_ORDER = 6;
    private static final int WORD_ORDER = 4;
    private static final double BETA = 2;

    record Scores(double chrF, double bleu) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "chrF %.1f, BLEU %.1f", chrF, bleu);
        }
    }

    private TranslationScores() {
    }

    static Scores of(List<String> hypotheses, List<String> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " translations for " + references.size() + " references");
        }
        return new Scores(chrF(hypotheses, references), bleu(hypotheses, references));
    }

    static double chrF(List<String> hypotheses, List<String> references) {
        long[] matched = new long[CHAR_ORDER];
        long[] inHypotheses = new long[CHAR_ORDER];
        long[] inReferences = new long[CHAR_ORDER];
        for (int i = 0; i < hypotheses.size(); i++) {
            String hyp = hypotheses.get(i).replaceAll("\\s+", "");
            String ref = references.get(i).replaceAll("\\s+", "");
            for (int n = 1; n <= CHAR_ORDER; n++) {
                Map<String, Integer> h = ngrams(characters(hyp), n);
                Map<String, Integer> r = ngrams(characters(ref), n);
                matched[n - 1] += overlap(h, r);
                inHypotheses[n - 1] += total(h);
                inReferences[n - 1] += total(r);
            }
        }
        double precision = 0;
        double recall = 0;
        int orders = 0;
        for (int n = 0; n < CHAR_ORDER; n++) {
            if (inHypotheses[n] == 0 || inReferences[n] == 0) {
                continue;
            }
            precision += (double) matched[n] / inHypotheses[n];
            recall += (double) matched[n] / inReferences[n];
            orders++;
        }
        if (orders == 0) {
            return 0;
        }
        precision /= orders;
        recall /= orders;
        double b2 = BETA * BETA;
        return precision + recall == 0 ? 0 : 100 * (1 + b2) * precision * recall / (b2 * precision + recall);
    }

    static double bleu(List<String> hypotheses, List<String> references) {
        long[] matched = new long[WORD_ORDER];
        long[] total = new long[WORD_ORDER];
        long hypLength = 0;
        long refLength = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = words(hypotheses.get(i));
            List<String> ref = words(references.get(i));
            hypLength += hyp.size();
            refLength += ref.size();
            for (int n = 1; n <= WORD_ORDER; n++) {
                Map<String, Integer> h = ngrams(hyp, n);
                matched[n - 1] += overlap(h, ngrams(ref, n));
                total[n - 1] += total(h);
            }
        }
        double logPrecision = 0;
        for (int n = 0; n < WORD_ORDER; n++) {
            if (matched[n] == 0) {
                return 0;
            }
            logPrecision += Math.log((double) matched[n] / total[n]) / WORD_ORDER;
        }
        double brevity = hypLength >= refLength ? 1 : Math.exp(1 - (double) refLength / hypLength);
        return 100 * brevity * Math.exp(logPrecision);
    }

    /** Words with punctuation split off, lower-cased letters kept as they are (BLEU is case-sensitive). */
    static List<String> words(String text) {
        String spaced = text.replaceAll("([\\p{Punct}«»“”‘’…])", " $1 ").replace("'", "' ");
        List<String> words = new ArrayList<>();
        for (String w : spaced.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static List<String> characters(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    private static Map<String, Integer> ngrams(List<String> units, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= units.size(); i++) {
            counts.merge(String.join(" ", units.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }

    private static long overlap(Map<String, Integer> hyp, Map<String, Integer> ref) {
        long matched = 0;
        for (Map.Entry<String, Integer> e : hyp.entrySet()) {
            matched += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
        }
        return matched;
    }

    private static long total(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Scores a file of translations, one a line, against the references of a reference set. */
    public static void main(String[] args) throws Exception {
        List<String> hypotheses = Files.readAllLines(Path.of(args[0]));
        List<String> references = Files.readAllLines(Path.of(args[1])).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")[1]).toList();
        System.out.println(of(hypotheses, references));
    }
}
