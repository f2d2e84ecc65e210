package io.megapipeline.translate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.Texts;

/** What text the translator accepts, how it is cut into pieces, and how the engine's marks are cleaned off. */
final class TranslationText {

    /** A piece sent to Apertium ends with a sentence, so that no clause is translated apart from its sentence. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u2026])\\s+");
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
        Texts.check(text, maxChars, "the text is empty: there is nothing to translate");
    }

    /** A paragraph in pieces of at most {@code maxChars}: whole sentences where they fit, else words. */
    static List<String> pieces(String paragraph, int maxChars) {
        return Texts.pieces(paragraph, maxChars, SENTENCE_END);
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
