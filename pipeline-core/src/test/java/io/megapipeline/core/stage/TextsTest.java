package io.megapipeline.core.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.stage.RejectedInputException.Kind;

class TextsTest {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    @Test
    void utf8RoundTripsAndMalformedBytesAreRefused() throws RejectedInputException {
        assertEquals("Café \uD83D\uDE00", Texts.decode(Texts.encode("Café \uD83D\uDE00")));
        assertArrayEquals(new byte[] { 'a' }, Texts.encode("a"));

        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> Texts.decode(new byte[] { 'a', (byte) 0xc3 }));
        assertEquals(Kind.UNSUPPORTED_FORMAT, e.kind());
    }

    @Test
    void emptyTextIsRefusedWithTheCallersReason() {
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> Texts.check(" \n", 10, "nothing to do"));
        assertEquals("nothing to do", e.getMessage());
    }

    @Test
    void piecesAreWholeSentencesThenWordsThenParts() {
        assertEquals(List.of("One. Two.", "Three."), Texts.pieces("One. Two. Three.", 10, SENTENCE_END));
        assertEquals(List.of("alpha beta", "gamma", "Delta."), Texts.pieces("alpha beta gamma Delta.", 10, SENTENCE_END));
        assertEquals(List.of("abcd", "efgh", "ij"), Texts.pieces("abcdefghij", 4, SENTENCE_END));
    }

    @Test
    void aWordIsNeverCutInsideASurrogatePair() {
        String word = "ab\uD83D\uDE00cd"; // a, b, an emoji (two UTF-16 units), c, d
        assertEquals(List.of("ab", "\uD83D\uDE00c", "d"), Texts.pieces(word, 3, SENTENCE_END));
    }

    @Test
    void paragraphsAreFlattenedAndBlankOnesDropped() {
        assertEquals(List.of("One line and another.", "Second."), Texts.paragraphs(" One line\nand\tanother.\n\n\n  \r\nSecond.\n"));
    }
}
