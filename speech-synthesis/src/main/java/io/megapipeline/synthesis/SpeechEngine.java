package io.megapipeline.synthesis;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.StageEngine;

/** Text to speech: the engine of the two synthesis stages, configured per service (voice, speed...). */
public interface SpeechEngine extends StageEngine {

    /**
     * Reads the text aloud.
     *
     * @return a 16-bit PCM mono WAV file
     * @throws RejectedInputException for text that cannot be spoken: empty, too long, with control characters
     */
    byte[] synthesize(String text) throws RejectedInputException;
}
