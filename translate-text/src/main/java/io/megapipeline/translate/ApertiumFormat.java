package io.megapipeline.translate;

import java.util.List;

/**
 * Plain text to Apertium's stream format and back, as {@code apertium-destxt} and {@code apertium-retxt}
 * do for one line of text: the characters the stream format reserves are escaped, blanks other than
 * one space become "superblanks" in brackets that pass through the translation untouched, and the
 * line ends with the period and empty superblank destxt adds so the tagger sees a sentence end.
 * Done here rather than by two more processes per request; tests compare both ways with the programs.
 */
final class ApertiumFormat {

    private static final String RESERVED = "[]\\^$/@<>{}";
    private static final String LINE_END = ".[][\n]";
    /** The superblank a deformatted line ends with; the translation of the line ends with it too. */
    static final String LAST_BLANK = "[\n]";

    private ApertiumFormat() {
    }

    /** One line of text (no line breaks, no NUL) as destxt writes it. */
    static String deformat(String line) {
        return deformat(line, List.of());
    }

    /**
     * One line of text with spans that must come out as given: each becomes a superblank holding the
     * span's French, which the translation passes through untouched (see {@link StoryGlossary}).
     */
    static String deformat(String line, List<StoryGlossary.Span> kept) {
        StringBuilder out = new StringBuilder(line.length() + 16);
        int from = 0;
        for (StoryGlossary.Span span : kept) {
            text(line.substring(from, span.start()), out);
            out.append('[');
            escape(span.french(), out);
            out.append(']');
            from = span.end();
        }
        text(line.substring(from), out);
        return out.append(LINE_END).toString();
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    private static void text(String line, StringBuilder out) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (isBlank(c)) {
                int end = i;
                while (end < line.length() && isBlank(line.charAt(end))) {
                    end++;
                }
                String blank = line.substring(i, end);
                out.append(blank.equals(" ") ? blank : "[" + blank + "]");
                i = end;
                continue;
            }
            if (RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
            i++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '~';
    }

    /** Translated stream back to text, as retxt does; the final line break is dropped. */
    static String reformat(String stream) {
        StringBuilder out = new StringBuilder(stream.length());
        int i = 0;
        while (i < stream.length()) {
            char c = stream.charAt(i);
            if (c == '\\' && i + 1 < stream.length()) {
                out.append(stream.charAt(i + 1));
                i += 2;
            } else if (c == '.' && stream.startsWith("[]", i + 1)) {
                i += 3; // the period deformat added
            } else if (c == '[') {
                i = superblank(stream, i + 1, out);
            } else {
                out.append(c);
                i++;
            }
        }
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == '\n' || out.charAt(end - 1) == '\r')) {
            end--;
        }
        return out.substring(0, end);
    }

    /** Copies a superblank's content, which starts at {@code i}; returns the index after its closing bracket. */
    private static int superblank(String stream, int i, StringBuilder out) {
        while (i < stream.length() && stream.charAt(i) != ']') {
            if (stream.charAt(i) == '\\' && i + 1 < stream.length()) {
                i++;
            }
            out.append(stream.charAt(i));
            i++;
        }
        return i + 1;
    }
}
