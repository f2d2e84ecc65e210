package io.megapipeline.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.megapipeline.generate.DecoderModel.Continuation;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The decoder loop on the real stories260K model (embedded in this module). A Quarkus test only so
 * that the tokenizer's native library is loaded by the same class loader as the service's.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class DecoderModelTest {

    static DecoderModel model;

    @BeforeAll
    static void load() throws Exception {
        try (ModelDirectory dir = ModelDirectory.open(Optional.empty())) {
            model = DecoderModel.load(dir.path(), 1);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private Continuation alone(String prompt, Sampling sampling, boolean cache) {
        return model.generate(List.of(model.encode(prompt)), List.of(sampling), cache).get(0);
    }

    @Test
    void theTokenizerGivesTheIdsOfTheOriginalEncoder() {
        assertArrayEquals(new long[] { 1, 403, 407, 261, 378 }, model.encode("Once upon a time"));
    }

    @Test
    void greedyDecodingGivesTheReferenceStory() {
        long[] prompt = model.encode("Once upon a time");
        Continuation c = alone("Once upon a time", Sampling.greedy(60), true);
        String text = model.decode(concat(prompt, c.tokens()));
        assertTrue(text.startsWith("Once upon a time, there was a little girl named Lily. She loved to play outside in the park."),
                text);
    }

    @Test
    void theCacheGivesTheSameTokensAsFullRecomputation() {
        Continuation cached = alone("Once upon a time", Sampling.greedy(120), true);
        Continuation full = alone("Once upon a time", Sampling.greedy(120), false);
        assertEquals(120, cached.tokens().length);
        assertArrayEquals(full.tokens(), cached.tokens());
    }

    @Test
    void aLeftPaddedBatchGivesEachPromptItsTokensAlone() {
        List<String> prompts = List.of("Once upon a time", "The cat sat on the mat and looked at the big tree",
                "Tom had a red ball", "One day");
        List<Sampling> samplings = List.of(Sampling.greedy(80), Sampling.greedy(50),
                new Sampling(80, 0.8, 40, 0.95, 7), new Sampling(80, 1.0, 0, 0.9, 11));

        List<Continuation> batch = model.generate(prompts.stream().map(model::encode).toList(), samplings, true);
        List<Continuation> batchWithoutCache = model.generate(prompts.stream().map(model::encode).toList(), samplings, false);

        for (int i = 0; i < prompts.size(); i++) {
            Continuation single = alone(prompts.get(i), samplings.get(i), true);
            assertArrayEquals(single.tokens(), batch.get(i).tokens(), "row " + i + ": " + prompts.get(i));
            assertEquals(single.ended(), batch.get(i).ended());
            assertArrayEquals(single.tokens(), batchWithoutCache.get(i).tokens(), "row " + i + " without the cache");
        }
    }

    @Test
    void eachRowStopsAtItsOwnLimitOrAtTheEndToken() {
        // stories260K writes stories of 300 to 500 tokens, then the start token of the next one.
        List<Sampling> samplings = new ArrayList<>(List.of(Sampling.greedy(5)));
        for (long seed = 0; seed < 6; seed++) {
            samplings.add(new Sampling(500, 0.8, 40, 0.95, seed));
        }
        long[] prompt = model.encode("Once upon a time");

        List<Continuation> batch = model.generate(Collections.nCopies(samplings.size(), prompt), samplings, true);

        assertEquals(5, batch.get(0).tokens().length);
        assertFalse(batch.get(0).ended());
        assertTrue(batch.stream().anyMatch(Continuation::ended), "sampled stories end");
        for (Continuation c : batch.subList(1, batch.size())) {
            assertEquals(c.ended(), c.tokens().length < 500);
            assertTrue(Arrays.stream(c.tokens()).noneMatch(t -> t == 1 || t == 2), "no start or end token in the text");
        }
    }

    static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
