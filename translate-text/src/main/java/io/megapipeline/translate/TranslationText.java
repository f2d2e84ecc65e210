package io.megapipeline.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.RejectedInputException.Kind;

/** What text the translator accepts, how it is cut into pieces, and how the engine's marks are cleaned off. */
final class TranslationText {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u2026])\\s+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /**
     * Apertium marks a word it does not know with '*' (not in the dictionary), '@' (no translation)
     * or '#' (cannot be inflected), once per stage of the chain, so "**word" is one unknown word.
     */
    private static final Pattern UNKNOWN_MARK = Pattern.compile("(?<![\\p{L}\\p{N}])[*#@]+(?=[\\p{L}\\p{N}])");
    private static final Pattern DOUBLE_SPACE = Pattern.compile(" {2,}");

    private TranslationText() {
    }

    /** Refuses empty text, text over {@code maxChars} characters and control characters other than line breaks and tabs. */
    static void check(String text, int maxChars) throws RejectedInputException {
        if (text == null || text.isBlank()) {
            throw new RejectedInputException("the text is empty: there is nothing to translate");
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

    /** The paragraphs (separated by blank lines), each on one line with single spaces. */
    static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            String flat = WHITESPACE.matcher(paragraph).replaceAll(" ").strip();
            if (!flat.isEmpty()) {
                paragraphs.add(flat);
            }
        }
        return paragraphs;
    }

    /** A paragraph in pieces of at most {@code maxChars}: whole sentences where they fit, else words. */
    static List<String> pieces(String paragraph, int maxChars) {
        List<String> pieces = new ArrayList<>();
        if (paragraph.length() <= maxChars) {
            pieces.add(paragraph);
        } else {
            pack(SENTENCE_END.split(paragraph), maxChars, pieces);
        }
        return pieces;
    }

    private static void pack(String[] parts, int maxChars, List<String> pieces) {
        StringBuilder piece = new StringBuilder();
        for (String part : parts) {
            if (part.length() > maxChars) {
                flush(piece, pieces);
                if (part.indexOf(' ') >= 0) {
                    pack(part.split(" "), maxChars, pieces);
                } else {
                    cut(part, maxChars, pieces);
                }
                continue;
            }
            if (piece.length() > 0 && piece.length() + 1 + part.length() > maxChars) {
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
    private static void cut(String word, int maxChars, List<String> pieces) {
        int start = 0;
        while (start < word.length()) {
            int end = Math.min(word.length(), start + maxChars);
            if (end < word.length() && Character.isHighSurrogate(word.charAt(end - 1))) {
                end--;
            }
            pieces.add(word.substring(start, end));
            start = end;
        }
    }

    /** The translation without unknown-word marks (and the double spaces the engine leaves). */
    record Cleaned(String text, int unknownWords) {
    }

    static Cleaned clean(String translation) {
        Matcher marks = UNKNOWN_MARK.matcher(translation);
        int count = 0;
        StringBuilder out = new StringBuilder(translation.length());
        while (marks.find()) {
            count++;
            marks.appendReplacement(out, "");
        }
        marks.appendTail(out);
        return new Cleaned(DOUBLE_SPACE.matcher(out).replaceAll(" ").strip(), count);
    }
}
