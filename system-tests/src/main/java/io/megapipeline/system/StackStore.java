package io.megapipeline.system;

import java.time.Duration;

import io.megapipeline.core.store.StoreConfig;

/**
 * The object store of a stack that {@code ./mega-pipeline} started, for the tools and tests that reach it with the
 * services' own {@link io.megapipeline.core.store.ObjectStore}: its S3 server, and the keys the launcher gives it
 * (the environment's, or the development defaults).
 */
record StackStore(String endpoint) implements StoreConfig {

    @Override
    public String accessKey() {
        return System.getenv().getOrDefault("PIPELINE_STORE_ACCESS_KEY", "minioadmin");
    }

    @Override
    public String secretKey() {
        return System.getenv().getOrDefault("PIPELINE_STORE_SECRET_KEY", "minioadmin");
    }

    @Override
    public String bucket() {
        return "mega-pipeline";
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration readTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration healthTimeout() {
        return Duration.ofSeconds(2);
    }
}
