package io.megapipeline.synthesis.en;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.synthesis.SynthesisStage;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** text-paragraphs in, the English story read aloud out (text-audios), in the voice of {@code synthesis-en.*}. */
@Startup
@Singleton
public class EnglishSynthesis extends SynthesisStage {

    /** The stage, and the name of its input channel. */
    static final String STAGE = "synthesis-audio-en";

    EnglishSynthesis(StageRunner runner, EnglishSynthesisConfig config) {
        super(runner, STAGE, config);
    }

    @Incoming(STAGE)
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    @Override
    public void process(String event) {
        super.process(event);
    }
}
