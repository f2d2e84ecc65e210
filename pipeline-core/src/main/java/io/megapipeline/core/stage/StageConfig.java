package io.megapipeline.core.stage;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How a stage retries transient faults (store or broker unavailable) before it fails a prompt, and how
 * long it lets the prompts in progress finish when it shuts down, and when it ends itself for not being live.
 */
@ConfigMapping(prefix = "pipeline.stage")
public interface StageConfig {

    /**
     * With the default delays, 20 tries span about 75 s: a store or broker outage up to that long loses nothing.
     * At most 50 (see {@link TransientFaultRetry#MAX_ATTEMPTS}).
     */
    @WithName("retry.max-attempts")
    @WithDefault("20")
    int maxAttempts();

    @WithName("retry.initial-delay")
    @WithDefault("250ms")
    Duration initialDelay();

    @WithName("retry.max-delay")
    @WithDefault("5s")
    Duration maxDelay();

    /**
     * The largest input object a stage reads; a larger one fails its prompt as bad input, unread. It bounds
     * what one prompt holds in the heap (uploads are at most 10 MB).
     */
    @WithName("max-input-size")
    @WithDefault("16M")
    MemorySize maxInputSize();

    /** On SIGTERM, how long the prompts in progress may take to finish before the service stops anyway. */
    @WithName("shutdown-grace")
    @WithDefault("10s")
    Duration shutdownGrace();

    /**
     * How long the service may stay not live (a channel has stopped) before it exits with status 1, so that
     * whatever supervises it (a Compose restart policy, the launcher, Kubernetes) starts it again; 0 never exits.
     */
    @WithName("exit-when-not-live-for")
    @WithDefault("30s")
    Duration exitWhenNotLiveFor();
}
