package io.megapipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.megapipeline.translate.StoryGlossary.Span;

class StoryGlossaryTest {

    @Test
    void namesStayAndPhrasesGetTheirFrenchWithTheCaseOfTheirStart() {
        String line = "Once upon a time, there was a girl named Lily. One day, Lily said thank you to Tom.";
        List<Span> spans = StoryGlossary.spans(line);
        assertEquals(List.of("Il était une fois", "Lily", "Un jour", "Lily", "merci", "Tom"),
                spans.stream().map(Span::french).toList());
        assertEquals("Once upon a time, there was", line.substring(spans.get(0).start(), spans.get(0).end()));
    }

    @Test
    void wordsThatOnlyContainAPhraseOrANameAreLeftAlone() {
        assertEquals(List.of(), StoryGlossary.spans("Someday the tomato and the lily pleased the moment."));
    }

    @Test
    void keptSpansBecomeSuperblanksThatTheTranslationPassesThrough() {
        String line = "Lily [smiles]";
        assertEquals("[Lily] \\[smiles\\].[][\n]", ApertiumFormat.deformat(line, StoryGlossary.spans(line)));
        assertEquals("Lily [smiles]", ApertiumFormat.reformat("[Lily] \\[smiles\\].[][\n]"));
    }
}
