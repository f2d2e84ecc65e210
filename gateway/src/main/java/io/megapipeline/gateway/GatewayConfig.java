package io.megapipeline.gateway;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's limits and settings (application.properties, prefix {@code gateway}). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Upload upload();

    Sse sse();

    /** How long the start-up replay of the failure topic may take before the gateway goes on without it. */
    @WithDefault("10s")
    Duration failureReplayTimeout();

    interface Upload {
        /** The largest upload accepted; keep quarkus.http.limits.max-body-size a little above it. */
        @WithDefault("10M")
        MemorySize maxSize();

        /** The longest recording accepted. */
        @WithDefault("60s")
        Duration maxDuration();
    }

    interface Sse {
        /** How often an idle progress stream gets a comment, so proxies keep it open. */
        @WithDefault("15s")
        Duration keepAlive();
    }
}
