package io.megapipeline.synthesis.en;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.megapipeline.synthesis.EspeakSpeechEngine;
import io.megapipeline.synthesis.PicoSpeechEngine;
import io.megapipeline.synthesis.SpeechEngine;
import io.megapipeline.synthesis.SpeechSettings;

/**
 * Compares the English voices on held-out story sentences (none of those espeak-ng's settings were tuned on):
 * each voice speaks them, Vosk recognizes them back, and the mean word error rate is printed (lower is better).
 * The best is the service's default in application.properties.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -q -pl synthesis-audio-en test-compile exec:java \
 *     -Dexec.mainClass=io.megapipeline.synthesis.en.VoiceComparison -Dexec.classpathScope=test
 * </pre>
 */
public final class VoiceComparison {

    private VoiceComparison() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sentences = heldOut();
        SpeechSettings tuned = SpeechSettings.of("en-us").withPitch(60).withWordGap(8);
        try (Intelligibility intelligibility = new Intelligibility()) {
            System.out.printf(Locale.ROOT, "Mean WER over %d held-out story sentences (voice -> Vosk small English model)%n%n",
                    sentences.size());
            measure(intelligibility, sentences, "espeak-ng " + tuned.label() + " (tuned)", new EspeakSpeechEngine(tuned));
            SpeechSettings plain = SpeechSettings.of("en");
            measure(intelligibility, sentences, "espeak-ng " + plain.label() + " (its default)", new EspeakSpeechEngine(plain));
            for (String language : List.of("en-US", "en-GB")) {
                measure(intelligibility, sentences, "pico " + language, new PicoSpeechEngine(SpeechSettings.of(language)));
            }
        }
    }

    private static void measure(Intelligibility intelligibility, List<String> sentences, String name, SpeechEngine engine)
            throws Exception {
        long start = System.nanoTime();
        double wer = intelligibility.meanWer(engine, sentences);
        System.out.printf(Locale.ROOT, "%-48s WER %.3f  (%.1f s)%n", name, wer, (System.nanoTime() - start) / 1e9);
    }

    static List<String> heldOut() throws IOException {
        try (InputStream in = VoiceComparison.class.getResourceAsStream("/held-out-story-sentences.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
