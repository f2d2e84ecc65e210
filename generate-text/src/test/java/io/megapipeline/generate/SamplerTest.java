package io.megapipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SamplerTest {

    // Token 3 is the most likely, then 1, then 0; logits start at offset 2 of the array.
    private static final float[] LOGITS = { 9, 9, 1.0f, 2.0f, -1.0f, 3.0f, -5.0f };

    private static Set<Integer> draws(Sampling sampling, int count) {
        Sampler sampler = new Sampler(sampling);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            seen.add(sampler.next(LOGITS, 2, 5));
        }
        return seen;
    }

    @Test
    void temperatureZeroTopKOneAndATinyTopPAreGreedy() {
        assertEquals(Set.of(3), draws(Sampling.greedy(1), 50));
        assertEquals(Set.of(3), draws(new Sampling(1, 1.0, 1, 1.0, 5), 50));
        assertEquals(Set.of(3), draws(new Sampling(1, 1.0, 0, 0.01, 5), 50));
    }

    @Test
    void topKAndTopPLimitTheCandidates() {
        assertEquals(Set.of(3, 1), draws(new Sampling(1, 2.0, 2, 1.0, 5), 500));
        // Probabilities at temperature 1: 0.66, 0.24, 0.09, 0.01, 0.00; top-p 0.8 keeps the first two.
        assertEquals(Set.of(3, 1), draws(new Sampling(1, 1.0, 0, 0.8, 5), 500));
        assertTrue(draws(new Sampling(1, 5.0, 0, 1.0, 5), 2000).size() == 5, "a high temperature reaches every token");
    }

    @Test
    void theSeedDecidesTheDraws() {
        Sampler a = new Sampler(new Sampling(1, 5.0, 0, 1.0, 42));
        Sampler b = new Sampler(new Sampling(1, 5.0, 0, 1.0, 42));
        Sampler c = new Sampler(new Sampling(1, 5.0, 0, 1.0, 43));
        StringBuilder sa = new StringBuilder();
        StringBuilder sb = new StringBuilder();
        StringBuilder sc = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sa.append(a.next(LOGITS, 2, 5));
            sb.append(b.next(LOGITS, 2, 5));
            sc.append(c.next(LOGITS, 2, 5));
        }
        assertEquals(sa.toString(), sb.toString());
        assertNotEquals(sa.toString(), sc.toString());
    }

    @Test
    void seedsOfPromptIdsAreStable() {
        assertEquals(Sampling.seedOf("01jd0000000000000000000000"), Sampling.seedOf("01jd0000000000000000000000"));
        assertNotEquals(Sampling.seedOf("01jd0000000000000000000000"), Sampling.seedOf("01jd0000000000000000000001"));
        assertEquals(0xaf63dc4c8601ec8cL, Sampling.seedOf("a"), "64-bit FNV-1a");
    }
}
