package io.megapipeline.synthesis.en;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.speech.SpeechEngine;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** text-paragraphs in, text-audios out: the English paragraph read aloud. */
@ApplicationScoped
public class SynthesisProcessor {

    private final StageRunner runner;
    private final SpeechEngine engine;

    SynthesisProcessor(StageRunner runner, SpeechEngine engine) {
        this.runner = runner;
        this.engine = engine;
    }

    @Incoming("text-paragraphs")
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, Artifact.TEXT_PARAGRAPHS, Artifact.TEXT_AUDIOS,
                (id, input) -> engine.synthesize(Texts.decode(input)));
    }
}
