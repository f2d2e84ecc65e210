package io.megapipeline.synthesis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.Texts;

/** What text a speech engine accepts, and how a long text is cut into pieces spoken one after the other. */
public final class SpeechText {

    /** A piece is a paragraph, or as many whole sentences as fit. */
    public static final int MAX_PIECE_CHARS = 1000;

    /** A spoken piece may end at a clause too: espeak-ng pauses there anyway. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u2026;:])\\s+");

    private SpeechText() {
    }

    /** Refuses empty text, text over {@code maxChars} characters and control characters other than line breaks and tabs. */
    public static void check(String text, int maxChars) throws RejectedInputException {
        Texts.check(text, maxChars, "the text is empty: there is nothing to speak");
    }

    /** The text in pieces of at most {@link #MAX_PIECE_CHARS}, cut at paragraphs, then sentences, then words. */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (String paragraph : Texts.paragraphs(text)) {
            pieces.addAll(Texts.pieces(paragraph, MAX_PIECE_CHARS, SENTENCE_END));
        }
        return pieces;
    }
}
