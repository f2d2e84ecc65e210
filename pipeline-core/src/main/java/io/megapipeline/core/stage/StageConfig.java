package io.megapipeline.core.stage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How a stage retries transient faults (store or broker unavailable) before it fails a prompt. */
@ConfigMapping(prefix = "pipeline.stage")
public interface StageConfig {

    /** The stage's name in events and metrics; the service name. */
    @WithName("name")
    @WithDefault("${quarkus.application.name}")
    String name();

    @WithName("retry.max-attempts")
    @WithDefault("10")
    int maxAttempts();

    @WithName("retry.initial-delay")
    @WithDefault("250ms")
    Duration initialDelay();

    @WithName("retry.max-delay")
    @WithDefault("5s")
    Duration maxDelay();
}
