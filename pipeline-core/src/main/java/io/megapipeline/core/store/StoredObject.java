package io.megapipeline.core.store;

import java.time.Instant;

/** What the store knows of an object without reading it. */
public record StoredObject(String key, long size, Instant lastModified) {
}
