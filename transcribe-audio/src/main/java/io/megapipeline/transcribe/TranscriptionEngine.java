package io.megapipeline.transcribe;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.StageEngine;

/** Speech to text: the part of the stage to change to swap the recognizer. */
public interface TranscriptionEngine extends StageEngine {

    /**
     * The words spoken in a WAV file (16-bit PCM, any sample rate, any channel count); the engine reads it
     * (with {@link io.megapipeline.core.audio.Wav#read}) and refuses what it cannot hear.
     *
     * @throws RejectedInputException for a WAV that cannot be read or is too long, and when nothing is
     *         recognized: an empty transcript is a failure
     */
    Transcript transcribe(byte[] wav) throws RejectedInputException;
}
