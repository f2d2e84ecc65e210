package io.megapipeline.transcribe;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.StageEngine;

/** Speech to text: the part of the stage to change to swap the recognizer. */
public interface TranscriptionEngine extends StageEngine {

    /**
     * The words spoken in the audio (any sample rate, any channel count).
     *
     * @throws RejectedInputException when nothing is recognized: an empty transcript is a failure
     */
    Transcript transcribe(PcmAudio audio) throws RejectedInputException;
}
