package io.megapipeline.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.megapipeline.generate.DecoderModel.Continuation;

/**
 * Prints the decoder's throughput in tokens per second for 200 new tokens: full re-computation at every
 * step (no cache), the key/value cache, and a batch of 8 prompts with the cache. Figures, not assertions.
 *
 * <pre>
 * ./mvnw -B -q -pl generate-text test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.megapipeline.generate.GenerationBenchmark [-Dexec.args="/path/to/model-dir"]
 * </pre>
 */
public final class GenerationBenchmark {

    private static final int NEW_TOKENS = 200;
    private static final int BATCH = 8;
    private static final int RUNS = 3;
    private static final List<String> PROMPTS = List.of("Once upon a time", "Tom and Sue went to the park",
            "The little cat", "One day, a big dog", "Lily had a red ball", "The sun was hot and", "A bird sang",
            "Max wanted a cake");

    private GenerationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (ModelDirectory dir = ModelDirectory.open(args.length > 0 ? Optional.of(Path.of(args[0])) : Optional.empty());
                DecoderModel model = DecoderModel.load(dir.path(), 1)) {
            System.out.printf("model: %s, %d new tokens, best of %d runs, 1 ONNX Runtime thread%n", model.describe(),
                    NEW_TOKENS, RUNS);
            List<long[]> prompts = PROMPTS.stream().map(model::encode).toList();
            // Greedy decoding of stories260K runs the full 200 tokens (its stories end later), so every run
            // does the same work; the tokens actually produced are counted anyway.
            List<Sampling> sampling = Collections.nCopies(BATCH, Sampling.greedy(NEW_TOKENS));

            double noCache = tokensPerSecond(model, prompts.subList(0, 1), sampling.subList(0, 1), false);
            double cache = tokensPerSecond(model, prompts.subList(0, 1), sampling.subList(0, 1), true);
            double batched = tokensPerSecond(model, prompts, sampling, true);
            System.out.printf("without cache     : %8.1f tokens/s%n", noCache);
            System.out.printf("with cache        : %8.1f tokens/s  (%.1fx without)%n", cache, cache / noCache);
            System.out.printf("batch %d, cache    : %8.1f tokens/s  (%.1fx single)%n", BATCH, batched, batched / cache);
        }
    }

    private static double tokensPerSecond(DecoderModel model, List<long[]> prompts, List<Sampling> sampling,
            boolean cache) {
        model.generate(prompts, sampling, cache); // warm-up
        double best = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            List<Continuation> out = new ArrayList<>(model.generate(prompts, sampling, cache));
            double seconds = (System.nanoTime() - start) / 1e9;
            long tokens = out.stream().mapToLong(c -> c.tokens().length).sum();
            best = Math.max(best, tokens / seconds);
        }
        return best;
    }
}
