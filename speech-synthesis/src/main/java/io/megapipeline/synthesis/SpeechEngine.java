package io.megapipeline.synthesis;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.StageEngine;

/** Text to speech: the engine of the two synthesis stages, configured per service (voice, speed...). */
public interface SpeechEngine extends StageEngine, AutoCloseable {

    /** The engine that the settings name ({@link SynthesisConfig#engine()}). */
    static SpeechEngine of(SynthesisConfig config) {
        return switch (config.engine()) {
            case "pico" -> new PicoSpeechEngine(config);
            case "espeak-ng" -> new EspeakSpeechEngine(config);
            default -> throw new IllegalArgumentException(
                    "synthesis engine '" + config.engine() + "' is not known: use pico or espeak-ng");
        };
    }

    /**
     * Reads the text aloud.
     *
     * @return a 16-bit PCM mono WAV file
     * @throws RejectedInputException for text that cannot be spoken: empty, too long, with control characters
     */
    byte[] synthesize(String text) throws RejectedInputException;

    /** Frees what the engine holds outside the heap (temporary files). */
    @Override
    default void close() {
    }
}
