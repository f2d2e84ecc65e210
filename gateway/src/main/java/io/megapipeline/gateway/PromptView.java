package io.megapipeline.gateway;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One prompt as the API shows it: every stage's state, its texts, its audio URLs and timings. */
public record PromptView(String id, Instant createdAt, List<StageView> stages, boolean failed, Double totalSeconds) {

    /**
     * The state of one artifact of the prompt. A done one has {@code time}, when its event was made, and
     * {@code seconds}, from its input's time to its own; a stage's event also gives {@code taken}, when the
     * stage took its input, and {@code engineMillis}, how long its engine ran (none for a reused output, neither
     * for one known from the store after a restart).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageView(String artifact, String stage, State state, Instant time, Double seconds, Instant taken,
            Long engineMillis, Long size, String text, String audioUrl, String reason, Boolean retryable) {
    }

    public enum State {
        pending, done, failed
    }

    /** A page of prompts, newest first. */
    public record Page(int page, int size, int total, List<PromptView> items) {
    }
}
