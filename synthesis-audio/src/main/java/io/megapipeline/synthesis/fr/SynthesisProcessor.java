package io.megapipeline.synthesis.fr;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.speech.SpeechEngine;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** text-translated in, output-audios out: the French text read aloud. */
@ApplicationScoped
public class SynthesisProcessor {

    private final StageRunner runner;
    private final SpeechEngine engine;

    SynthesisProcessor(StageRunner runner, SpeechEngine engine) {
        this.runner = runner;
        this.engine = engine;
    }

    @Incoming("text-translated")
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, Artifact.TEXT_TRANSLATED, Artifact.OUTPUT_AUDIOS,
                (id, input) -> engine.synthesize(Texts.decode(input)));
    }
}
