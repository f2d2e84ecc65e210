package io.megapipeline.core.stage;

import io.megapipeline.core.PromptId;

/** A stage's work on one prompt: the input object's bytes in, the output object's bytes out. */
@FunctionalInterface
public interface Transformation {

    byte[] apply(PromptId id, byte[] input) throws RejectedInputException;
}
