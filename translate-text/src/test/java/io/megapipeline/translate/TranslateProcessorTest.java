package io.megapipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.stage.StageProcessorTestBase;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The stage through a real Kafka broker and a real S3 server. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class TranslateProcessorTest extends StageProcessorTestBase {

    @Test
    void paragraphsBecomeATranslatedObjectAndEvent() {
        PromptId id = submit("The quick brown fox jumps over the lazy dog.\n\nMy brother reads a book in the garden."
                .getBytes(StandardCharsets.UTF_8));

        PipelineEvent event = stage.awaitOutput(Artifact.TEXT_TRANSLATED, id);
        String french = stage.text(event.key());

        assertEquals(Artifact.TEXT_TRANSLATED, event.artifact());
        assertEquals("text-translated/" + id + ".txt", event.key());
        assertEquals("translate-text", event.producer());
        assertEquals(french.getBytes(StandardCharsets.UTF_8).length, event.size());
        String[] paragraphs = french.split("\n\n");
        assertEquals(2, paragraphs.length, french);
        assertTrue(paragraphs[0].contains("renard") && paragraphs[0].contains("chien"), french);
        assertTrue(paragraphs[1].contains("livre") && paragraphs[1].contains("jardin"), french);
    }

    @Test
    void textThatIsNotUtf8FailsThePromptWithTheReason() {
        PromptId id = submit(new byte[] { 'o', 'k', (byte) 0xC3, (byte) 0x28 });

        FailureEvent failure = stage.awaitFailure(id);

        assertEquals("text is not valid UTF-8", failure.reason());
        assertEquals("translate-text", failure.stage());
        assertFalse(failure.retryable());
        assertFalse(store.exists(Artifact.TEXT_TRANSLATED.key(id)));
    }
}
