package io.megapipeline.core.stage;

/**
 * What every engine is: the one part of a stage a team changes to swap models. Engines load their
 * model when they are created; readiness reports {@link #isReady()}.
 */
public interface StageEngine {

    /** A short description for health checks and logs, e.g. "vosk model-en-us". */
    String describe();

    default boolean isReady() {
        return true;
    }
}
