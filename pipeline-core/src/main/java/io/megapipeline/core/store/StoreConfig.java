package io.megapipeline.core.store;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the object store is: an S3 endpoint (MinIO in deployments, S3Proxy locally). */
@ConfigMapping(prefix = "pipeline.store")
public interface StoreConfig {

    @WithDefault("http://localhost:9000")
    String endpoint();

    /** Deployments set PIPELINE_STORE_ACCESS_KEY and PIPELINE_STORE_SECRET_KEY from a Secret. */
    String accessKey();

    String secretKey();

    @WithDefault("mega-pipeline")
    String bucket();

    @WithDefault("us-east-1")
    String region();

    /** How long a connection attempt may take before the store counts as unavailable. */
    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration readTimeout();

    /** How long the readiness check waits for the store before it reports it not ready. */
    @WithDefault("2s")
    Duration healthTimeout();
}
