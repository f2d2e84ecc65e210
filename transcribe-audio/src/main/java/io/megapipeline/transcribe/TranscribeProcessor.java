package io.megapipeline.transcribe;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Topology;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** input-audios/{id}.wav in, text-prompts/{id}.txt out, on the shared processing skeleton. */
@ApplicationScoped
public class TranscribeProcessor {

    /** The stage, and the name of its input channel. */
    static final String STAGE = "transcribe-audio";

    private final StageRunner runner;
    private final TranscriptionEngine engine;

    TranscribeProcessor(StageRunner runner, TranscriptionEngine engine) {
        this.runner = runner;
        this.engine = engine;
    }

    @Incoming(STAGE)
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, Topology.stage(STAGE),
                (id, wav) -> Texts.encode(engine.transcribe(wav).text()));
    }
}
