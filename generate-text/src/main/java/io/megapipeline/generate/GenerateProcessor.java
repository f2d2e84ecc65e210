package io.megapipeline.generate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Topology;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * text-prompts → text-paragraphs. The seed comes from the prompt's words, as on {@code POST /generate}: processing
 * a prompt again gives the same paragraph, and the same words give the same story in the microservices and in the
 * monolith. Several prompts in flight at once are decoded as one batch.
 */
@ApplicationScoped
public class GenerateProcessor {

    /** The stage, and the name of its input channel. */
    static final String STAGE = "generate-text";

    private final StageRunner runner;
    private final GenerationEngine engine;

    GenerateProcessor(StageRunner runner, GenerationEngine engine) {
        this.runner = runner;
        this.engine = engine;
    }

    @Incoming(STAGE)
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, Topology.stage(STAGE), (id, input) -> {
            String prompt = Texts.decode(input);
            return Texts.encode(engine.generate(prompt, engine.defaults().withSeed(Sampling.seedOf(prompt))));
        });
    }
}
