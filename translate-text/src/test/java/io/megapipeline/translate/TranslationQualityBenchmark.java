package io.megapipeline.translate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.megapipeline.translate.TranslationScores.Scores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The translation's quality on the stories' reference set ({@code translation/stories.en-fr.tsv}: English
 * sentences in the style of the stories and French references): corpus chrF and BLEU of each set-up, the
 * pivot language through Spanish or Catalan, without and with {@link StoryGlossary}. The service translates
 * the same way ({@link ApertiumTranslationEngine#translate}).
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -q -pl translate-text test-compile exec:java \
 *     -Dexec.mainClass=io.megapipeline.translate.TranslationQualityBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class TranslationQualityBenchmark {

    /** The settings of one set-up; the rest as the service's defaults. */
    record Setup(List<String> pairs, boolean glossary) implements TranslateConfig, TranslateConfig.Apertium {
        @Override
        public int maxChars() {
            return 10_000;
        }

        @Override
        public int maxPieceChars() {
            return 1000;
        }

        @Override
        public int maxConcurrency() {
            return 1;
        }

        @Override
        public Apertium apertium() {
            return this;
        }

        @Override
        public String modesDir() {
            return "/usr/share/apertium/modes";
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(30);
        }
    }

    private TranslationQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String[]> set = referenceSet();
        List<String> english = set.stream().map(pair -> pair[0]).toList();
        List<String> french = set.stream().map(pair -> pair[1]).toList();
        System.out.printf(Locale.ROOT, "chrF and BLEU over %d story sentences (corpus level, 0-100, higher is better)%n%n",
                set.size());
        for (List<String> pairs : List.of(List.of("eng-spa", "es-fr"), List.of("eng-cat", "cat-fra"))) {
            for (boolean glossary : new boolean[] { false, true }) {
                ApertiumTranslationEngine engine = new ApertiumTranslationEngine(new Setup(pairs, glossary),
                        new SimpleMeterRegistry());
                try {
                    List<String> translated = new ArrayList<>();
                    for (String sentence : english) {
                        translated.add(engine.translate(sentence));
                    }
                    Scores scores = TranslationScores.of(translated, french);
                    System.out.printf(Locale.ROOT, "%-18s %-14s %s%n", String.join(" + ", pairs),
                            glossary ? "glossary" : "no glossary", scores);
                } finally {
                    engine.stop();
                }
            }
        }
    }

    /** The English and French of each pair of the reference set. */
    static List<String[]> referenceSet() throws IOException {
        try (InputStream in = TranslationQualityBenchmark.class.getResourceAsStream("/translation/stories.en-fr.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t", 2)).toList();
        }
    }
}
