package io.megapipeline.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * "This artifact of prompt {promptId} is stored at {key}": the value of a record on the artifact's
 * topic (its record key is the prompt id). The payload itself stays in the object store.
 *
 * <p>
 * A stage's event also says how its time went: {@code taken}, when the stage took its input event, and
 * {@code engineMillis}, how long its engine ran on it. Both are optional: the gateway's upload has no
 * input, and a redelivery that announces an output made before ran no engine (it has {@code taken} only).
 *
 * @param taken when the producer took the input event it made this artifact from, at the latest {@code time};
 *        null when unknown
 * @param engineMillis how long the producer's engine ran (with its waits for a free engine slot), in
 *        milliseconds; null when no engine ran, and never without {@code taken}
 * @param text a text artifact's content when it is at most {@value #MAX_INLINE_TEXT_BYTES} bytes of UTF-8, so the
 *        next stage and the gateway need not read it from the store (which still holds it); null otherwise
 */
public record PipelineEvent(@JsonProperty(required = true) PromptId promptId,
        @JsonProperty(required = true) Artifact artifact, @JsonProperty(required = true) String key,
        @JsonProperty(required = true) String producer, @JsonProperty(required = true) Instant time,
        @JsonProperty(required = true) long size,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant taken,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long engineMillis,
        @JsonInclude(JsonInclude.Include.NON_NULL) String text) {

    /** A paragraph is about 1 KB: texts up to this size travel inside their event as well. */
    public static final int MAX_INLINE_TEXT_BYTES = 8192;

    public PipelineEvent {
        Objects.requireNonNull(promptId, "promptId is missing");
        Objects.requireNonNull(artifact, "artifact is missing");
        Objects.requireNonNull(time, "time is missing");
        if (!artifact.key(promptId).equals(key)) {
            throw new IllegalArgumentException("key '" + key + "' is not " + artifact.key(promptId));
        }
        Services.requireName(producer, "producer");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative");
        }
        if (taken != null && taken.isAfter(time)) {
            throw new IllegalArgumentException("taken " + taken + " is after time " + time);
        }
        if (engineMillis != null && taken == null) {
            throw new IllegalArgumentException("engineMillis without taken");
        }
        if (engineMillis != null && engineMillis < 0) {
            throw new IllegalArgumentException("engineMillis is negative");
        }
        if (text != null && artifact.isAudio()) {
            throw new IllegalArgumentException("text in an event of " + artifact + ", which is not a text");
        }
        if (text != null && text.getBytes(StandardCharsets.UTF_8).length != size) {
            throw new IllegalArgumentException("the text is not the " + size + " bytes the event announces");
        }
    }

    /** An event with timings and no text. */
    public PipelineEvent(PromptId promptId, Artifact artifact, String key, String producer, Instant time, long size,
            Instant taken, Long engineMillis) {
        this(promptId, artifact, key, producer, time, size, taken, engineMillis, null);
    }

    /** An event without timings. */
    public PipelineEvent(PromptId promptId, Artifact artifact, String key, String producer, Instant time, long size) {
        this(promptId, artifact, key, producer, time, size, null, null);
    }

    /** An artifact stored now, with no timings (the gateway's upload). */
    public static PipelineEvent of(PromptId id, Artifact artifact, String producer, long size) {
        return of(id, artifact, producer, size, null, null);
    }

    /**
     * An artifact stored now by a stage that took its input at {@code taken} and ran its engine for
     * {@code engineMillis} (null when it ran none). Should the clock have gone back since {@code taken}, the
     * event's time is {@code taken}.
     */
    public static PipelineEvent of(PromptId id, Artifact artifact, String producer, long size, Instant taken,
            Long engineMillis) {
        Instant now = Instant.now();
        Instant time = taken != null && taken.isAfter(now) ? taken : now;
        return new PipelineEvent(id, artifact, artifact.key(id), producer, time, size, taken, engineMillis);
    }

    /** This event with the artifact's content inside, if it is a text short enough; else this event. */
    public PipelineEvent carrying(byte[] content) {
        if (artifact.isAudio() || content.length > MAX_INLINE_TEXT_BYTES || content.length != size) {
            return this;
        }
        String decoded = new String(content, StandardCharsets.UTF_8);
        if (decoded.getBytes(StandardCharsets.UTF_8).length != size) {
            return this; // not valid UTF-8: the next stage reads it from the store and says so
        }
        return new PipelineEvent(promptId, artifact, key, producer, time, size, taken, engineMillis, decoded);
    }
}
