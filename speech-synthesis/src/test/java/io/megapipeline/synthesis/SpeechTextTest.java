package io.megapipeline.synthesis;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.RejectedInputException.Kind;

class SpeechTextTest {

    @Test
    void emptyAndBlankTextIsRefused() {
        for (String text : new String[] { "", "   ", "\n\t\r\n" }) {
            RejectedInputException e = assertThrows(RejectedInputException.class, () -> SpeechText.check(text, 100));
            assertEquals(Kind.INVALID, e.kind());
            assertEquals("the text is empty: there is nothing to speak", e.getMessage());
        }
    }

    @Test
    void textOverTheLimitIsTooLarge() {
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> SpeechText.check("abcdef", 5));
        assertEquals(Kind.TOO_LARGE, e.kind());
        assertEquals("the text is 6 characters long; the limit is 5", e.getMessage());
        assertDoesNotThrow(() -> SpeechText.check("abcde", 5));
        assertDoesNotThrow(() -> SpeechText.check("\uD83D\uDE00\uD83D\uDE00", 2), "characters, not UTF-16 units");
    }

    @Test
    void controlCharactersOtherThanLineBreaksAndTabsAreRefused() {
        assertDoesNotThrow(() -> SpeechText.check("one\ttwo\r\nthree\nfour", 100));
        for (char c : new char[] { 0, 7, 0x1b, 0x7f, 0x85, 0x9f }) {
            RejectedInputException e = assertThrows(RejectedInputException.class,
                    () -> SpeechText.check("ab" + c + "cd", 100));
            assertEquals(Kind.INVALID, e.kind());
            assertEquals(String.format("the text contains the control character U+%04X at position 2; only line breaks "
                    + "and tabs are allowed", (int) c), e.getMessage());
        }
    }

    @Test
    void paragraphsArePiecesWithTheirWhitespaceFlattened() {
        assertEquals(List.of("One line and another.", "Second paragraph."),
                SpeechText.pieces("  One line\nand\tanother.\n\n \r\nSecond   paragraph.\n"));
    }

    @Test
    void aLongParagraphIsCutBetweenSentences() {
        String sentence = "This sentence has exactly fifty characters in it. ";
        String paragraph = sentence.repeat(50).strip(); // 2,500 characters
        List<String> pieces = SpeechText.pieces(paragraph);

        assertEquals(3, pieces.size());
        for (String piece : pieces) {
            assertTrue(piece.length() <= SpeechText.MAX_PIECE_CHARS, piece.length() + " characters");
            assertTrue(piece.endsWith("in it."), piece);
        }
        assertEquals(paragraph, String.join(" ", pieces));
    }

    @Test
    void aSentenceLongerThanAPieceIsCutBetweenWordsAndAWordLongerStillIsCut() {
        String words = "word ".repeat(500).strip();
        List<String> pieces = SpeechText.pieces(words);
        assertEquals(words, String.join(" ", pieces));
        assertTrue(pieces.stream().allMatch(p -> p.length() <= SpeechText.MAX_PIECE_CHARS && !p.startsWith(" ")));

        String word = "x".repeat(2500);
        assertEquals(List.of("x".repeat(1000), "x".repeat(1000), "x".repeat(500)), SpeechText.pieces(word));
    }
}
