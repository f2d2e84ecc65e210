package io.megapipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void theParagraphEndsWithTheLastCompleteSentence() {
        assertEquals("Once upon a time, there was a cat. It was red!",
                Sentences.paragraph("Once upon a time", ", there was a cat. It was red! Was it big"));
    }

    @Test
    void closingQuotesStayWithTheirSentence() {
        assertEquals("Tom said, \"Let's play.\"", Sentences.paragraph("Tom said,", " \"Let's play.\" Then he ran"));
    }

    @Test
    void aDotInsideAWordIsNoSentenceEnd() {
        assertEquals("It cost 3.5 coins.", Sentences.paragraph("It", " cost 3.5 coins. And th"));
    }

    @Test
    void aContinuationWithoutASentenceEndIsKeptWholeAndEndsWithAFullStop() {
        assertEquals("One day the dog ran and ran.", Sentences.paragraph("One day", " the dog ran and ran  "));
        assertEquals("One day the dog ran.", Sentences.paragraph("One day", " the dog ran, "));
    }

    @Test
    void aTranscribedPromptStartsTheStoryWithACapital() {
        assertEquals("He was not a young man who had a toy train.",
                Sentences.paragraph("he was not a young man", " who had a toy train. He had"));
    }
}
