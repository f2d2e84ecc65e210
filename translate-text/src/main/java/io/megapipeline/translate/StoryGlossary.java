package io.megapipeline.translate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Apertium translates badly in the stories: children's names, which its dictionaries know as words
 * ("Lily" becomes "lis", "Tom" "Tome"), and the phrases every story uses, which it translates word by word
 * ("Once upon a time" becomes "Une fois à un temps"). Each found span is handed to Apertium as a superblank
 * holding its French, which passes through the translation untouched. Measured on the reference set by
 * {@code TranslationQualityBenchmark}.
 */
final class StoryGlossary {

    /** A span of an English line and the French that stands for it. */
    record Span(int start, int end, String french) {
    }

    /** Names of the stories' characters (the TinyStories data's most common ones), kept as they are. */
    static final Set<String> NAMES = Set.of("Lily", "Tom", "Ben", "Sue", "Tim", "Timmy", "Anna", "Sam", "Mia", "Jack",
            "Max", "Lucy", "Sara", "Sarah", "Amy", "Jill", "Bob", "Mark", "Kitty", "Spot", "Zoe", "Leo", "Emma",
            "Jake", "Mike", "Joe", "Lila", "Molly", "Daisy", "Rosie", "Bella", "Ellie", "Billy", "Jenny");

    /** Phrases, longest first where one contains another, with their French. */
    private static final List<String[]> PHRASES = List.of(
            new String[] { "once upon a time, there was", "il était une fois" },
            new String[] { "once upon a time, there were", "il était une fois" },
            new String[] { "once upon a time", "il était une fois" },
            new String[] { "from that day on", "à partir de ce jour" },
            new String[] { "one day", "un jour" },
            new String[] { "the next day", "le lendemain" },
            new String[] { "thank you", "merci" },
            new String[] { "please", "s'il te plaît" },
            new String[] { "best friends", "meilleurs amis" },
            new String[] { "mom", "maman" },
            new String[] { "dad", "papa" },
            new String[] { "grandma", "grand-mère" },
            new String[] { "grandpa", "grand-père" });

    private static final List<Pattern> PHRASE_PATTERNS = PHRASES.stream()
            .map(p -> Pattern.compile("\\b" + Pattern.quote(p[0]) + "\\b", Pattern.CASE_INSENSITIVE)).toList();
    private static final Pattern WORD = Pattern.compile("\\b\\p{Lu}\\p{Ll}+\\b");

    private StoryGlossary() {
    }

    /** The spans of a line to hand over as French, in order and not overlapping. */
    static List<Span> spans(String line) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < PHRASES.size(); i++) {
            Matcher m = PHRASE_PATTERNS.get(i).matcher(line);
            while (m.find()) {
                String french = PHRASES.get(i)[1];
                if (Character.isUpperCase(line.charAt(m.start()))) {
                    french = french.substring(0, 1).toUpperCase(Locale.ROOT) + french.substring(1);
                }
                add(spans, new Span(m.start(), m.end(), french));
            }
        }
        Matcher m = WORD.matcher(line);
        while (m.find()) {
            if (NAMES.contains(m.group())) {
                add(spans, new Span(m.start(), m.end(), m.group()));
            }
        }
        spans.sort(Comparator.comparingInt(Span::start));
        return spans;
    }

    private static void add(List<Span> spans, Span span) {
        if (spans.stream().noneMatch(s -> s.start() < span.end() && span.start() < s.end())) {
            spans.add(span);
        }
    }
}
