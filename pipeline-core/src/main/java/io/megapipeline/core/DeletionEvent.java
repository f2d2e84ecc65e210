package io.megapipeline.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A prompt deleted by a person, on topic {@value #TOPIC}: every gateway replica forgets it, and its marker
 * ({@link #markerKey}) stays in the store so that no stage writes anything of it afterwards.
 */
public record DeletionEvent(PromptId promptId, String producer, Instant time) {

    public static final String TOPIC = "prompt-deletions";
    /** The folder of the deletion markers: an empty object a prompt, kept after its artifacts are gone. */
    public static final String MARKER_PREFIX = "deleted/";

    public DeletionEvent {
        Objects.requireNonNull(promptId, "promptId is missing");
        Objects.requireNonNull(time, "time is missing");
        Services.requireName(producer, "producer");
    }

    public static DeletionEvent of(PromptId id, String producer) {
        return new DeletionEvent(id, producer, Instant.now());
    }

    /** The key of a prompt's deletion marker. */
    public static String markerKey(PromptId id) {
        return MARKER_PREFIX + id;
    }

    /** The prompt id of a marker's key; refuses any other key. */
    public static PromptId ofMarker(String key) {
        if (key == null || !key.startsWith(MARKER_PREFIX)) {
            throw new IllegalArgumentException("'" + key + "' is not a deletion marker");
        }
        return PromptId.of(key.substring(MARKER_PREFIX.length()));
    }
}
