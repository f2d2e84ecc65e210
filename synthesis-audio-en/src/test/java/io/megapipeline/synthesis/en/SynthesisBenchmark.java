package io.megapipeline.synthesis.en;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.megapipeline.synthesis.EspeakSpeechEngine;
import io.megapipeline.synthesis.SpeechSettings;

/**
 * Measures the intelligibility of espeak-ng's English voices and settings: every setting speaks
 * {@link Intelligibility#SENTENCES}, Vosk recognizes them back, and the mean word error rate is
 * printed per setting (lower is better). The search goes in steps: the voices at the default speed,
 * then speeds for the best voices, then word gaps, then pitch. The best setting is the service's
 * default in application.properties, and {@code IntelligibilityTest} holds it to its figure.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -q -pl synthesis-audio-en test-compile exec:java \
 *     -Dexec.mainClass=io.megapipeline.synthesis.en.SynthesisBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class SynthesisBenchmark {

    private static final List<String> VOICES = List.of("en", "en-us", "en-gb-x-rp", "en-029", "en-gb-scotland",
            "en+m1", "en+m3", "en+m7", "en+f2", "en-us+m3", "en-us+m7", "en-us+f2", "en-us+f3", "en-us+klatt");
    private static final int[] SPEEDS = { 130, 150, 160, 175, 200 };
    private static final int[] GAPS = { 0, 1, 2, 4, 8 };
    private static final int[] PITCHES = { 30, 40, 50, 60, 70 };

    private final Intelligibility intelligibility = new Intelligibility();
    private final Map<SpeechSettings, Double> results = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        SynthesisBenchmark benchmark = new SynthesisBenchmark();
        try {
            benchmark.run();
        } finally {
            benchmark.intelligibility.close();
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "Mean WER over %d sentences (espeak-ng -> Vosk small English model)%n%n",
                Intelligibility.SENTENCES.size());
        System.out.printf(Locale.ROOT, "%-16s %6s %6s %4s %8s %8s%n", "voice", "speed", "pitch", "gap", "WER", "time");
        SpeechSettings base = SpeechSettings.of("en");
        for (String voice : VOICES) {
            measure(base.withVoice(voice));
        }
        for (SpeechSettings best : best(3)) {
            for (int speed : SPEEDS) {
                measure(best.withSpeed(speed));
            }
        }
        for (SpeechSettings best : best(2)) {
            for (int gap : GAPS) {
                measure(best.withWordGap(gap));
            }
        }
        SpeechSettings best = best(1).get(0);
        for (int pitch : PITCHES) {
            measure(best.withPitch(pitch));
        }

        System.out.printf(Locale.ROOT, "%nBest settings:%n");
        for (SpeechSettings s : best(5)) {
            System.out.printf(Locale.ROOT, "  %-40s WER %.3f%n", s.label(), results.get(s));
        }
        System.out.printf(Locale.ROOT, "espeak-ng's default (en, 175 wpm, pitch 50, gap 0): WER %.3f%n", results.get(base));
    }

    private void measure(SpeechSettings settings) throws Exception {
        if (results.containsKey(settings)) {
            return;
        }
        long start = System.nanoTime();
        double wer = intelligibility.meanWer(new EspeakSpeechEngine(settings));
        results.put(settings, wer);
        System.out.printf(Locale.ROOT, "%-16s %6d %6d %4d %8.3f %7.1fs%n", settings.voice(), settings.speed(),
                settings.pitch(), settings.wordGap(), wer, (System.nanoTime() - start) / 1e9);
    }

    /** The lowest WER first; ties go to the setting measured first. */
    private List<SpeechSettings> best(int n) {
        List<SpeechSettings> ranked = new ArrayList<>(results.keySet());
        ranked.sort(Comparator.comparingDouble(results::get));
        return ranked.subList(0, Math.min(n, ranked.size()));
    }
}
