package io.megapipeline.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A prompt that a stage could not process, on topic {@code pipeline-failures}: which stage, which
 * input, why (in words a person can read), and whether trying again could help.
 */
public record FailureEvent(PromptId promptId, String stage, String inputKey, String reason, boolean retryable,
        String producer, Instant time) {

    static final int MAX_REASON = 1000;

    public FailureEvent {
        Objects.requireNonNull(promptId, "promptId is missing");
        Objects.requireNonNull(time, "time is missing");
        Services.requireName(stage, "stage");
        Services.requireName(producer, "producer");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is missing");
        }
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 3) + "...";
        }
    }

    public static FailureEvent of(PromptId id, String stage, String inputKey, String reason, boolean retryable) {
        return new FailureEvent(id, stage, inputKey, reason, retryable, stage, Instant.now());
    }
}
