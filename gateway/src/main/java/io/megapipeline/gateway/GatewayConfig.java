package io.megapipeline.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's limits and settings (application.properties, prefix {@code gateway}). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Upload upload();

    /** Who sees which prompts: each browser its own (private), or everyone every prompt (class). */
    @WithDefault("private")
    Visibility visibility();

    /**
     * In class mode, the bearer token that deleting a prompt needs ({@code Authorization: Bearer ...});
     * without one, nobody may delete there.
     */
    Optional<String> adminToken();

    enum Visibility {
        /** Each browser sees and deletes only the prompts it uploaded. */
        PRIVATE,
        /** Every prompt shows to everyone, as in a course's shared app; deleting needs the admin token. */
        CLASS
    }

    Sse sse();

    /**
     * The stages run in the gateway's own process (the monolith), events pass in memory and there is no broker:
     * each service is as ready as this process and one replica of it, no topic lags, no failure topic to replay.
     */
    @WithDefault("false")
    boolean inProcess();

    /** How long the start-up replay of the failure topic may take before the gateway goes on without it. */
    @WithDefault("10s")
    Duration failureReplayTimeout();

    /** How GET /api/services asks the services and Kafka. */
    Status status();

    /**
     * Each service's base URL by service name ({@code gateway.services.<name>.url},
     * {@code GATEWAY_SERVICES_<NAME>_URL}); a service without one is at {@code http://localhost:<its port>}.
     */
    Map<String, Endpoint> services();

    interface Endpoint {
        Optional<String> url();
    }

    interface Status {
        /** How long one answer serves every browser that asks. */
        @WithDefault("2s")
        Duration cache();

        /** The longest wait for one service's readiness or one Kafka question. */
        @WithDefault("1s")
        Duration timeout();    }

    interface Upload {
        /** The largest upload accepted; keep quarkus.http.limits.max-body-size a little above it. */
        @WithDefault("10M")
        MemorySize maxSize();

        /** The longest recording accepted. */
        @WithDefault("60s")
        Duration maxDuration();

        /**
         * Uploads the gateway reads and checks at once, from all clients together: each holds up to max-size
         * in the heap, so this times max-size must fit in it with room to spare. Past it: 503 with Retry-After.
         */
        @WithDefault("8")
        int maxInProgress();

        RateLimit rateLimit();
    }

    /** Uploads per client: a token bucket per client address, refilled continuously. */
    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** Uploads a client may make per second, on average. */
        @WithDefault("10")
        double perSecond();

        /** Uploads a client may make at once after a pause. */
        @WithDefault("20")
        int burst();

        /**
         * Behind a proxy that sets X-Forwarded-For, key clients by the last address in it (the one the
         * proxy saw) instead of the connection's address, which is the proxy's. Only for a trusted proxy:
         * anyone else can write that header.
         */
        @WithDefault("false")
        boolean trustForwardedFor();

        /** Clients remembered at most; past that, new clients share one bucket until idle ones are forgotten. */
        @WithDefault("10000")
        int maxClients();
    }

    interface Sse {
        /** How often an idle progress stream gets a comment, so proxies keep it open. */
        @WithDefault("15s")
        Duration keepAlive();
    }
}
