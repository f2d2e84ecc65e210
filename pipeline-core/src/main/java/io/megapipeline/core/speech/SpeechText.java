package io.megapipeline.core.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.RejectedInputException.Kind;

/** What text a speech engine accepts, and how a long text is cut into pieces spoken one after the other. */
public final class SpeechText {

    /** A piece is a paragraph, or as many whole sentences as fit. */
    public static final int MAX_PIECE_CHARS = 1000;

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u2026;:])\\s+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SpeechText() {
    }

    /** Refuses empty text, text over {@code maxChars} characters and control characters other than line breaks and tabs. */
    public static void check(String text, int maxChars) throws RejectedInputException {
        if (text == null || text.isBlank()) {
            throw new RejectedInputException("the text is empty: there is nothing to speak");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxChars) {
            throw new RejectedInputException(Kind.TOO_LARGE,
                    "the text is " + length + " characters long; the limit is " + maxChars);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new RejectedInputException(String.format(Locale.ROOT,
                        "the text contains the control character U+%04X at position %d; only line breaks and tabs are allowed",
                        (int) c, i));
            }
        }
    }

    /** The text in pieces of at most {@link #MAX_PIECE_CHARS}, cut at paragraphs, then sentences, then words. */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            String flat = WHITESPACE.matcher(paragraph).replaceAll(" ").strip();
            if (flat.isEmpty()) {
                continue;
            }
            if (flat.length() <= MAX_PIECE_CHARS) {
                pieces.add(flat);
            } else {
                pack(SENTENCE_END.split(flat), pieces);
            }
        }
        return pieces;
    }

    /** Joins consecutive parts (sentences or words) into pieces that fit; a part too long is cut further. */
    private static void pack(String[] parts, List<String> pieces) {
        StringBuilder piece = new StringBuilder();
        for (String part : parts) {
            if (part.length() > MAX_PIECE_CHARS) {
                flush(piece, pieces);
                if (part.indexOf(' ') >= 0) {
                    pack(part.split(" "), pieces);
                } else {
                    cut(part, pieces);
                }
                continue;
            }
            if (piece.length() > 0 && piece.length() + 1 + part.length() > MAX_PIECE_CHARS) {
                flush(piece, pieces);
            }
            if (piece.length() > 0) {
                piece.append(' ');
            }
            piece.append(part);
        }
        flush(piece, pieces);
    }

    private static void flush(StringBuilder piece, List<String> pieces) {
        if (piece.length() > 0) {
            pieces.add(piece.toString());
            piece.setLength(0);
        }
    }

    /** One word longer than a piece: cut it, never inside a surrogate pair. */
    private static void cut(String word, List<String> pieces) {
        int start = 0;
        while (start < word.length()) {
            int end = Math.min(word.length(), start + MAX_PIECE_CHARS);
            if (end < word.length() && Character.isHighSurrogate(word.charAt(end - 1))) {
                end--;
            }
            pieces.add(word.substring(start, end));
            start = end;
        }
    }
}
