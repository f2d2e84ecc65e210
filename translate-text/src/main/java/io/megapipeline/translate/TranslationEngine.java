package io.megapipeline.translate;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.StageEngine;

/** English to French: the engine of this stage. */
public interface TranslationEngine extends StageEngine {

    /**
     * Translates the text, keeping its paragraph breaks.
     *
     * @throws RejectedInputException for text that cannot be translated: empty, too long, with control characters
     */
    String translate(String english) throws RejectedInputException;
}
