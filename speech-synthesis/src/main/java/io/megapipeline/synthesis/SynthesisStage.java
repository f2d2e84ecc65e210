package io.megapipeline.synthesis;

import java.util.Locale;

import jakarta.annotation.PreDestroy;

import io.megapipeline.core.Topology;
import io.megapipeline.core.stage.StageEngine;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;

/**
 * A synthesis stage: its place in the {@link Topology}, its voice and its engine. Each synthesis service declares
 * one as a bean with its own input channel and settings, so the English and the French stage are separate beans
 * and can run side by side in one application. Readiness sees it as the service's engine.
 */
public abstract class SynthesisStage implements StageEngine {

    private final StageRunner runner;
    private final Topology.Service stage;
    private final SpeechEngine engine;
    private final String language;

    protected SynthesisStage(StageRunner runner, String stage, SynthesisConfig config) {
        this.runner = runner;
        this.stage = Topology.stage(stage);
        this.engine = SpeechEngine.of(config);
        this.language = config.voice().substring(0, 2).toLowerCase(Locale.ROOT);
    }

    /** The Kafka processor's work: text in, the text read aloud out. */
    protected void process(String event) {
        runner.process(event, stage, (id, text) -> engine.synthesize(Texts.decode(text)));
    }

    public SpeechEngine engine() {
        return engine;
    }

    /** The voice's language ({@code en}, {@code fr}), by which {@code POST /synthesize/{language}} finds it. */
    public String language() {
        return language;
    }

    @Override
    public String describe() {
        return engine.describe();
    }

    @Override
    public boolean isReady() {
        return engine.isReady();
    }

    @PreDestroy
    void close() {
        engine.close();
    }
}
