package io.megapipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

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
class GenerateProcessorTest extends StageProcessorTestBase {

    @Inject
    GenerationEngine engine;

    @Test
    void aPromptEventGivesTheParagraphObjectAndEvent() throws Exception {
        PromptId id = submit("the dog and the ball".getBytes(StandardCharsets.UTF_8));

        PipelineEvent out = stage.awaitOutput(Artifact.TEXT_PARAGRAPHS, id);

        assertEquals(Artifact.TEXT_PARAGRAPHS, out.artifact());
        assertEquals("text-paragraphs/" + id + ".txt", out.key());
        assertEquals("generate-text", out.producer());
        String paragraph = stage.text(out.key());
        assertEquals(paragraph.getBytes(StandardCharsets.UTF_8).length, out.size());
        assertTrue(paragraph.startsWith("The dog and the ball") && paragraph.length() > 100, paragraph);
        // The seed derives from the prompt's words: generating again from them gives the stored paragraph.
        assertEquals(paragraph, engine.generate("the dog and the ball",
                engine.defaults().withSeed(Sampling.seedOf("the dog and the ball"))));
    }

    @Test
    void badPromptsBecomeFailureEventsWithTheReason() {
        PromptId empty = submit(" \n".getBytes(StandardCharsets.UTF_8));
        PromptId notUtf8 = submit(new byte[] { 'o', 'k', (byte) 0xC3, (byte) 0x28 });

        FailureEvent emptyFailure = stage.awaitFailure(empty);
        FailureEvent utf8Failure = stage.awaitFailure(notUtf8);

        assertEquals("the prompt is empty", emptyFailure.reason());
        assertEquals("generate-text", emptyFailure.stage());
        assertFalse(emptyFailure.retryable());
        assertEquals("text is not valid UTF-8", utf8Failure.reason());
        assertFalse(store.exists(Artifact.TEXT_PARAGRAPHS.key(empty)));
    }
}
