package io.megapipeline.synthesis;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.Topology;
import io.megapipeline.core.stage.StageRunner;
import io.megapipeline.core.stage.Texts;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Text in, the text read aloud out. Which artifacts those are comes from the service's place in the
 * {@link Topology} (text-paragraphs to text-audios for synthesis-audio-en, text-translated to output-audios
 * for synthesis-audio); the channel's topic is set in the service's application.properties.
 */
@ApplicationScoped
public class SynthesisProcessor {

    /** The input channel of both synthesis services. */
    public static final String INPUT = "synthesis-input";

    private final StageRunner runner;
    private final SpeechEngine engine;
    private final Artifact input;
    private final Artifact output;

    SynthesisProcessor(StageRunner runner, SpeechEngine engine,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.runner = runner;
        this.engine = engine;
        Topology.Service stage = Topology.service(service).filter(Topology.Service::isStage)
                .orElseThrow(() -> new IllegalStateException(service + " is not a stage of the topology"));
        this.input = stage.input().orElseThrow();
        this.output = stage.output();
    }

    @Incoming(INPUT)
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, input, output, (id, text) -> engine.synthesize(Texts.decode(text)));
    }
}
