package io.megapipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.PromptId;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The engine as the service runs it: the real model, the batcher, sentence trimming, refusals. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class OnnxGenerationEngineTest {

    static final String REFERENCE = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park.";

    @Inject
    GenerationEngine engine;

    @Inject
    MeterRegistry registry;

    @Test
    void greedyDecodingGivesTheModelsReferenceStoryEndingWithASentence() throws Exception {
        String paragraph = engine.generate("Once upon a time", Sampling.greedy(60));

        assertTrue(paragraph.startsWith(REFERENCE), paragraph);
        assertTrue(paragraph.endsWith("."), paragraph);
    }

    @Test
    void theSamePromptIdGivesTheSameParagraphAndOthersMayDiffer() throws Exception {
        Sampling sampling = engine.defaults();
        PromptId id = PromptId.generate();
        String first = engine.generate("The little dog", sampling.withSeed(Sampling.seedOf(id.toString())));
        String again = engine.generate("The little dog", sampling.withSeed(Sampling.seedOf(id.toString())));
        String other = engine.generate("The little dog", sampling.withSeed(Sampling.seedOf(PromptId.generate().toString())));

        assertEquals(first, again);
        assertNotEquals(first, other, "sampling with another seed writes another story");
        assertTrue(first.startsWith("The little dog"), first);
    }

    @Test
    void promptsThatArriveTogetherAreDecodedAsOneBatchWithTheirOwnResults() throws Exception {
        List<String> prompts = List.of("Once upon a time", "Tom and Sue", "The sun was hot", "A big bird", "Mia liked cake",
                "The boat");
        List<String> alone = new ArrayList<>();
        for (String prompt : prompts) {
            alone.add(engine.generate(prompt, engine.defaults().withSeed(Sampling.seedOf(prompt))));
        }
        DistributionSummary sizes = registry.get("generate.batch.size").summary();
        long batchesBefore = sizes.count();
        double promptsBefore = sizes.totalAmount();

        ExecutorService pool = Executors.newFixedThreadPool(prompts.size());
        try {
            List<Future<String>> together = new ArrayList<>();
            for (String prompt : prompts) {
                together.add(pool.submit(() -> engine.generate(prompt, engine.defaults().withSeed(Sampling.seedOf(prompt)))));
            }
            for (int i = 0; i < prompts.size(); i++) {
                assertEquals(alone.get(i), together.get(i).get(), prompts.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(prompts.size(), sizes.totalAmount() - promptsBefore);
        assertTrue(sizes.count() - batchesBefore < prompts.size(), "concurrent prompts shared batches");
    }

    @Test
    void refusesEmptyOrTooLongPromptsAndBadParameters() {
        RejectedInputException empty = assertThrows(RejectedInputException.class,
                () -> engine.generate("  \n ", engine.defaults()));
        assertEquals("the prompt is empty", empty.getMessage());

        RejectedInputException tooLong = assertThrows(RejectedInputException.class,
                () -> engine.generate("the cat ran. ".repeat(100), engine.defaults()));
        assertEquals(RejectedInputException.Kind.TOO_LARGE, tooLong.kind());
        assertTrue(tooLong.getMessage().contains("context of 512 tokens"), tooLong.getMessage());

        RejectedInputException tooManyTokens = assertThrows(RejectedInputException.class,
                () -> engine.generate("Once upon a time", engine.defaults().withMaxNewTokens(600)));
        assertEquals("maxNewTokens must be less than the model's context of 512 tokens, not 600", tooManyTokens.getMessage());
        RejectedInputException noRoomLeft = assertThrows(RejectedInputException.class,
                () -> engine.generate("Once upon a time there was a cat", engine.defaults().withMaxNewTokens(505)));
        assertEquals(RejectedInputException.Kind.TOO_LARGE, noRoomLeft.kind());

        assertThrows(RejectedInputException.class,
                () -> engine.generate("Once", new Sampling(10, -1, 0, 1, 0)));
        assertThrows(RejectedInputException.class,
                () -> engine.generate("Once", new Sampling(10, 1, 0, 0, 0)));
    }
}
