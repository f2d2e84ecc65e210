package io.megapipeline.translate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Topology;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** text-paragraphs in, text-translated out. */
@ApplicationScoped
public class TranslateProcessor {

    /** The stage, and the name of its input channel. */
    static final String STAGE = "translate-text";

    private final StageRunner runner;
    private final TranslationEngine engine;

    TranslateProcessor(StageRunner runner, TranslationEngine engine) {
        this.runner = runner;
        this.engine = engine;
    }

    @Incoming(STAGE)
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, Topology.stage(STAGE),
                (id, input) -> Texts.encode(engine.translate(Texts.decode(input))));
    }
}
