package io.megapipeline.generate;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.StageEngine;

/** The engine of this stage: continues a prompt into a paragraph. */
public interface GenerationEngine extends StageEngine {

    /**
     * The paragraph: the prompt followed by its continuation, ending with a complete sentence. Refuses an
     * empty prompt, one too long for the model, and sampling parameters out of range.
     */
    String generate(String prompt, Sampling sampling) throws RejectedInputException;

    /** The configured sampling (the seed still to be chosen per prompt). */
    Sampling defaults();
}
