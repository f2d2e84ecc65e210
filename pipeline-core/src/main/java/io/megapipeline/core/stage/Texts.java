package io.megapipeline.core.stage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.megapipeline.core.stage.RejectedInputException.Kind;

/**
 * Text payloads: UTF-8 (bytes that are not valid UTF-8 are refused, never patched over), checked before an engine
 * sees them, and cut into pieces an engine takes one at a time (at paragraphs, then sentences, then words).
 */
public final class Texts {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Texts() {
    }

    public static String decode(byte[] bytes) throws RejectedInputException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RejectedInputException(RejectedInputException.Kind.UNSUPPORTED_FORMAT, "text is not valid UTF-8");
        }
    }

    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Refuses empty text (with {@code emptyReason}), text over {@code maxChars} characters and control characters
     * other than line breaks and tabs.
     */
    public static void check(String text, int maxChars, String emptyReason) throws RejectedInputException {
        if (text == null || text.isBlank()) {
            throw new RejectedInputException(emptyReason);
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
    public static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            String flat = WHITESPACE.matcher(paragraph).replaceAll(" ").strip();
            if (!flat.isEmpty()) {
                paragraphs.add(flat);
            }
        }
        return paragraphs;
    }

    /**
     * A paragraph in pieces of at most {@code maxChars}: as many whole sentences (ending where {@code sentenceEnd}
     * matches) as fit, a sentence too long cut between words, a word too long cut anywhere but inside a surrogate pair.
     */
    public static List<String> pieces(String paragraph, int maxChars, Pattern sentenceEnd) {
        List<String> pieces = new ArrayList<>();
        if (paragraph.length() <= maxChars) {
            pieces.add(paragraph);
        } else {
            pack(sentenceEnd.split(paragraph), maxChars, pieces);
        }
        return pieces;
    }

    /** Joins consecutive parts (sentences or words) into pieces that fit; a part too long is cut further. */
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
}
