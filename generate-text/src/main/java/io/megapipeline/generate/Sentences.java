package io.megapipeline.generate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Generation stops at a token limit, often mid-sentence; a paragraph ends with its last complete sentence. */
final class Sentences {

    // A sentence end: . ! or ?, closing quotes or brackets after it, then a space or the end of the text.
    private static final Pattern END = Pattern.compile("[.!?][\"'\u201d\u2019)\\]]*(?=\\s|$)");

    private Sentences() {
    }

    /**
     * The prompt followed by its continuation, cut after the continuation's last complete sentence.
     * A continuation without any sentence end is kept whole: some text beats none.
     */
    static String paragraph(String prompt, String continuation) {
        int cut = -1;
        Matcher m = END.matcher(continuation);
        while (m.find()) {
            cut = m.end();
        }
        String kept = cut < 0 ? continuation : continuation.substring(0, cut);
        return (prompt + kept).strip();
    }
}
