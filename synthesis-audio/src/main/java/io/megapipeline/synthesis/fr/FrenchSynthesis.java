package io.megapipeline.synthesis.fr;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.synthesis.SynthesisStage;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** text-translated in, the French story read aloud out (output-audios), in the voice of {@code synthesis-fr.*}. */
@Startup
@Singleton
public class FrenchSynthesis extends SynthesisStage {

    /** The stage, and the name of its input channel. */
    static final String STAGE = "synthesis-audio";

    FrenchSynthesis(StageRunner runner, FrenchSynthesisConfig config) {
        super(runner, STAGE, config);
    }

    @Incoming(STAGE)
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    @Override
    public void process(String event) {
        super.process(event);
    }
}
