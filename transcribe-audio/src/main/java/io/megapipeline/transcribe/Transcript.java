package io.megapipeline.transcribe;

import java.util.List;

/** What was recognized: the text and, per word, when it was said and how sure the recognizer is. */
public record Transcript(String text, List<Word> words) {

    /** One recognized word: start and end in seconds from the start of the audio, confidence from 0 to 1. */
    public record Word(String word, double start, double end, double confidence) {
    }

    public static Transcript of(List<Word> words) {
        return new Transcript(String.join(" ", words.stream().map(Word::word).toList()), List.copyOf(words));
    }
}
