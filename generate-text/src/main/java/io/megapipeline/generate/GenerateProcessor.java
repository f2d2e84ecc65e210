package io.megapipeline.generate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * text-prompts → text-paragraphs. The seed comes from the prompt id, so processing a prompt again gives
 * the same paragraph. Several prompts in flight at once are decoded as one batch.
 */
@ApplicationScoped
public class GenerateProcessor {

    private final StageRunner runner;
    private final GenerationEngine engine;

    GenerateProcessor(StageRunner runner, GenerationEngine engine) {
        this.runner = runner;
        this.engine = engine;
    }

    @Incoming("text-prompts")
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, Artifact.TEXT_PROMPTS, Artifact.TEXT_PARAGRAPHS, (id, input) -> Texts.encode(
                engine.generate(Texts.decode(input), engine.defaults().withSeed(Sampling.seedOf(id.toString())))));
    }
}
