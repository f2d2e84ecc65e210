package io.megapipeline.generate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Generation stops at a token limit, often mid-sentence; a paragraph ends with its last complete sentence. */
final class Sentences {

    // A sentence end: . ! or ?, closing quotes or brackets after it, then a space or the end of the text.
    private static final Pattern END = Pattern.compile("[.!?][\"'\u201d\u2019)\\]]*(?=\\s|$)");

    private Sentences() {
    }

    /**
     * The prompt followed by its continuation, cut after the continuation's last complete sentence, so that
     * the paragraph reads as one story: it starts with a capital (a transcript has none) and ends at a
     * sentence end. A continuation without any sentence end is kept whole (some text beats none) and
     * given a full stop.
     */
    static String paragraph(String prompt, String continuation) {
        int cut = -1;
        Matcher m = END.matcher(continuation);
        while (m.find()) {
            cut = m.end();
        }
        String text = (prompt + (cut < 0 ? continuation : continuation.substring(0, cut))).strip();
        if (text.isEmpty()) {
            return text;
        }
        if (cut < 0 && !END.matcher(text).find(Math.max(0, text.length() - 3))) {
            text = text.replaceAll("[,;:\\s]+$", "") + ".";
        }
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
