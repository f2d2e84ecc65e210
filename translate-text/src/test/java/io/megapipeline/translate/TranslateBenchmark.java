package io.megapipeline.translate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Milliseconds per sentence: persistent null-flush pipelines against one {@code apertium eng-cat |
 * apertium cat-fra} run per sentence. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl translate-text test-compile exec:java \
 *     -Dexec.mainClass=io.megapipeline.translate.TranslateBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class TranslateBenchmark {

    private static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Once upon a time, there was a little girl named Lily.",
            "She loved to play in the park with her friends.",
            "One day, she found a shiny red ball under a big tree.",
            "My brother reads a book in the garden.",
            "The cat is sleeping on the bed.",
            "We eat bread and cheese every morning.",
            "The sun is shining and the sky is blue.",
            "I have a house near the river.",
            "The old man walks slowly to the church on Sunday.");

    private static final List<String> PAIRS = List.of("eng-cat", "cat-fra");

    private TranslateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        List<List<String>> commands = ApertiumModes.pipeline(Path.of("/usr/share/apertium/modes"), PAIRS);
        System.out.printf("Apertium %s, %d programs per pipeline, %d processors%n", String.join(" + ", PAIRS), commands.size(),
                Runtime.getRuntime().availableProcessors());

        long startPool = System.nanoTime();
        try (ApertiumPool pool = new ApertiumPool(commands, 2, Duration.ofSeconds(30))) {
            System.out.printf("start 2 persistent pipelines: %.0f ms%n", millis(startPool));
            persistentOneByOne(pool, 2); // warm-up
            long start = System.nanoTime();
            int n = persistentOneByOne(pool, rounds);
            System.out.printf("persistent, one caller:  %.1f ms per sentence (%d sentences)%n", millis(start) / n, n);
            start = System.nanoTime();
            n = persistentConcurrent(pool, rounds);
            System.out.printf("persistent, 2 callers:   %.1f ms per sentence (%d sentences, wall time / count)%n",
                    millis(start) / n, n);
        }

        long start = System.nanoTime();
        for (String sentence : SENTENCES) {
            Programs.apertiumReference(PAIRS, sentence);
        }
        System.out.printf("one process per call:    %.1f ms per sentence (%d sentences)%n", millis(start) / SENTENCES.size(),
                SENTENCES.size());
    }

    private static int persistentOneByOne(ApertiumPool pool, int rounds) {
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (String sentence : SENTENCES) {
                ApertiumFormat.reformat(pool.translate(ApertiumFormat.deformat(sentence)));
                n++;
            }
        }
        return n;
    }

    private static int persistentConcurrent(ApertiumPool pool, int rounds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                done.add(threads.submit(() -> persistentOneByOne(pool, rounds)));
            }
            int n = 0;
            for (Future<Integer> f : done) {
                n += f.get();
            }
            return n;
        } finally {
            threads.shutdown();
        }
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
