package io.megapipeline.core;

import java.time.Instant;
import java.util.Objects;

/**
 * "This artifact of prompt {promptId} is stored at {key}": the value of a record on the artifact's
 * topic (its record key is the prompt id). The payload itself stays in the object store.
 */
public record PipelineEvent(PromptId promptId, Artifact artifact, String key, String producer, Instant time, long size) {

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
    }

    public static PipelineEvent of(PromptId id, Artifact artifact, String producer, long size) {
        return new PipelineEvent(id, artifact, artifact.key(id), producer, Instant.now(), size);
    }
}
