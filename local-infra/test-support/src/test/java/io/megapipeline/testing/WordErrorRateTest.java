package io.megapipeline.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {

    @Test
    void countsSubstitutionsInsertionsAndDeletionsOverTheReference() {
        assertEquals(0.0, WordErrorRate.of("ten of clubs", "Ten of clubs."));
        assertEquals(0.25, WordErrorRate.of("four queen of clubs", "for queen of clubs"));
        assertEquals(0.5, WordErrorRate.of("five five", "five"));
        assertEquals(1.0, WordErrorRate.of("five five", "five five five five"));
        assertEquals(1.0, WordErrorRate.of("seven of clubs", ""));
    }

    @Test
    void comparesLowerCaseWordsWithoutPunctuation() {
        assertArrayEquals(new String[] { "don't", "stop", "now" }, WordErrorRate.words("  'Don't' -- STOP, now!"));
    }
}
