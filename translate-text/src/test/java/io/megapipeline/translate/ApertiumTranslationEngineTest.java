package io.megapipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Apertium engine with the installed language pairs and real persistent programs. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class ApertiumTranslationEngineTest {

    /** A mark Apertium leaves on a word it does not know. */
    private static final Pattern MARK = Pattern.compile("[*#@]\\p{L}");

    @Inject
    ApertiumTranslationEngine engine;

    @Inject
    MeterRegistry registry;

    @Inject
    TranslateConfig config;

    private String translate(String english) {
        try {
            String french = engine.translate(english);
            assertFalse(MARK.matcher(french).find(), "no Apertium marks: " + french);
            return french;
        } catch (RejectedInputException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theFoxSentenceBecomesFrench() {
        String french = translate("The quick brown fox jumps over the lazy dog.");

        assertTrue(french.contains("renard"), french);
        assertTrue(french.contains("chien"), french);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "The cat is sleeping on the bed.|chat|lit",
            "My brother reads a book in the garden.|livre|jardin",
            "We eat bread and cheese every morning.|pain|fromage",
            "The sun is shining and the sky is blue.|soleil|ciel",
            "I have a house near the river.|maison|fleuve",
            "She drinks water because she is thirsty.|eau|thirsty" })
    void sentencesHaveTheirKeyWords(String english, String word1, String word2) {
        String french = translate(english);

        assertTrue(french.contains(word1), french);
        assertTrue(french.contains(word2), french);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The quick brown fox jumps over the lazy dog.",
            "Once upon a time, there was a little girl named Lily. She loved to play in the park with her friends!",
            "Zorblax gleeped the frobnicator at 3:45 p.m. on Tuesday; \"Really?\" asked Mr. Smith.",
            "The cat's toys [and] {others} cost $5 @ the store <b> & 50% off \\ sometimes / often.",
            "Tom and Sue went to the beach. They built a big sandcastle and swam in the sea.",
            "She drinks water because she is thirsty." })
    void thePersistentPipelineGivesWhatTheApertiumCommandGives(String english) {
        assertEquals(Programs.apertiumReference(config.apertium().pairs(), english), engine.translatePiece(english));
    }

    @Test
    void unknownWordsLoseTheirMarksAndAreCounted() {
        double before = unknownWords();

        String french = translate("Zorblax gleeped the frobnicator.");

        assertTrue(french.contains("Zorblax") && french.contains("gleeped") && french.contains("frobnicator"), french);
        assertEquals(3, unknownWords() - before, 0.0);
    }

    private double unknownWords() {
        return registry.get("translate.unknown.words").counter().count();
    }

    @Test
    void paragraphBreaksAreKept() {
        String french = translate("The cat is sleeping on the bed.\n\n\nMy brother reads a book\nin the garden.\r\n  \r\nThe sun is shining.");

        String[] paragraphs = french.split("\n\n");
        assertEquals(3, paragraphs.length, french);
        assertTrue(paragraphs[0].contains("chat"), french);
        assertTrue(paragraphs[1].contains("jardin") && !paragraphs[1].contains("\n"), french);
        assertTrue(paragraphs[2].contains("soleil"), french);
    }

    @Test
    void aLongParagraphIsTranslatedInPiecesOfWholeSentences() {
        String sentence = "My brother reads a book in the garden. ";
        String paragraph = sentence.repeat(60).strip(); // about 2,300 characters: three pieces

        List<String> pieces = TranslationText.pieces(paragraph, 1000);
        String french = translate(paragraph);

        assertEquals(3, pieces.size());
        pieces.forEach(piece -> assertTrue(piece.length() <= 1000 && piece.endsWith("garden."), piece));
        assertEquals(60, french.split("jardin", -1).length - 1, french);
    }

    @Test
    void concurrentTranslationsEqualOneByOne() throws Exception {
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            paragraphs.add("Paragraph " + (i + 1) + ": the cat is sleeping on the bed while my brother reads "
                    + (i + 2) + " books in the garden.");
        }
        List<String> oneByOne = new ArrayList<>();
        for (String paragraph : paragraphs) {
            oneByOne.add(translate(paragraph));
        }

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (String paragraph : paragraphs) {
                futures.add(threads.submit(() -> translate(paragraph)));
            }
            for (int i = 0; i < paragraphs.size(); i++) {
                assertEquals(oneByOne.get(i), futures.get(i).get(), "paragraph " + (i + 1));
            }
        } finally {
            threads.shutdownNow();
        }
        assertNotEquals(oneByOne.get(0), oneByOne.get(1));
    }

    @Test
    void aKilledProgramIsReplacedAndTheRequestSucceeds() throws Exception {
        String text = "The cat is sleeping on the bed.\n\n".repeat(100) + "The quick brown fox jumps over the lazy dog.";
        String expected = translate(text);
        List<ProcessHandle> before = engine.processes();
        int pipelineLength = before.size() / 2;
        // A program in the middle of each of the two pooled pipelines.
        List<ProcessHandle> killed = List.of(before.get(pipelineLength / 2), before.get(pipelineLength + pipelineLength / 2));

        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<String> running = thread.submit(() -> translate(text));
            Thread.sleep(30);
            assertFalse(running.isDone(), "the request is still running");
            killed.forEach(ProcessHandle::destroyForcibly);

            assertEquals(expected, running.get());
        } finally {
            thread.shutdownNow();
        }
        translate("The quick brown fox jumps over the lazy dog.");
        translate("The quick brown fox jumps over the lazy dog.");
        List<ProcessHandle> after = engine.processes();
        assertEquals(before.size(), after.size());
        assertTrue(after.stream().allMatch(ProcessHandle::isAlive), "every pipeline runs again");
        assertTrue(after.stream().noneMatch(killed::contains), "the pipelines with a killed program were started again");
    }

    @Test
    void badTextIsRefusedWithAReason() {
        RejectedInputException empty = assertThrows(RejectedInputException.class, () -> engine.translate(" \n\t "));
        assertEquals("the text is empty: there is nothing to translate", empty.getMessage());

        RejectedInputException tooLong = assertThrows(RejectedInputException.class,
                () -> engine.translate("a".repeat(10_001)));
        assertEquals(RejectedInputException.Kind.TOO_LARGE, tooLong.kind());
        assertEquals("the text is 10001 characters long; the limit is 10000", tooLong.getMessage());

        RejectedInputException control = assertThrows(RejectedInputException.class,
                () -> engine.translate("nul\u0000byte"));
        assertEquals(RejectedInputException.Kind.INVALID, control.kind());
        assertTrue(control.getMessage().contains("U+0000"), control.getMessage());
    }
}
