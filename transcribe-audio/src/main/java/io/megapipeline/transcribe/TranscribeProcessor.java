package io.megapipeline.transcribe;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** input-audios/{id}.wav in, text-prompts/{id}.txt out, on the shared processing skeleton. */
@ApplicationScoped
public class TranscribeProcessor {

    private final StageRunner runner;
    private final TranscriptionEngine engine;

    TranscribeProcessor(StageRunner runner, TranscriptionEngine engine) {
        this.runner = runner;
        this.engine = engine;
    }

    @Incoming("input-audios")
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, Artifact.INPUT_AUDIOS, Artifact.TEXT_PROMPTS,
                (id, wav) -> Texts.encode(engine.transcribe(wav).text()));
    }
}
