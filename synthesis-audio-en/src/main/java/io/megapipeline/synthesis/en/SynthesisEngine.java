package io.megapipeline.synthesis.en;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.megapipeline.core.speech.EspeakSpeechEngine;
import io.megapipeline.core.speech.SpeechEngine;
import io.quarkus.runtime.Startup;

/** The shared espeak-ng engine with this service's voice; created at start-up, which fails if espeak-ng cannot speak. */
public class SynthesisEngine {

    private static final Logger LOG = Logger.getLogger(SynthesisEngine.class);

    @Produces
    @Singleton
    @Startup
    SpeechEngine engine(SynthesisConfig config) {
        SpeechEngine engine = new EspeakSpeechEngine(config);
        LOG.infof("speech engine ready: %s", engine.describe());
        return engine;
    }
}
