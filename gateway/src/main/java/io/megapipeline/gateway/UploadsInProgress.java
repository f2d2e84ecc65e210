package io.megapipeline.gateway;

import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.megapipeline.core.stage.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;

/**
 * Bounds the uploads in progress across all clients ({@code gateway.upload.max-in-progress}), since each
 * one holds its body in the heap. An upload takes a place before its body is read and gives it back when
 * its answer ends or its connection closes; past the limit it gets 503 with {@code Retry-After}, unread.
 */
@ApplicationScoped
public class UploadsInProgress {

    /** Long enough for an upload in progress to finish on a local network, short enough to retry soon. */
    static final int RETRY_AFTER_SECONDS = 2;

    void install(@Observes Router router, GatewayConfig config, MeterRegistry registry) {
        int limit = config.upload().maxInProgress();
        Semaphore places = new Semaphore(limit);
        registry.gauge("gateway.uploads.in.progress", places, p -> limit - p.availablePermits());
        Counter busy = Counter.builder("gateway.uploads").tag("outcome", "busy").register(registry);
        router.post(GatewayRoutes.UPLOADS).order(GatewayRoutes.UPLOADS_IN_PROGRESS).handler(ctx -> {
            if (places.tryAcquire()) {
                ctx.addEndHandler(done -> places.release()); // once, whether answered, failed or cut off
                ctx.next();
                return;
            }
            busy.increment();
            ctx.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            Problem.of(503, "the gateway is taking " + limit + " uploads already, the most it takes at once; retry in "
                    + RETRY_AFTER_SECONDS + " s").send(ctx);
        });
    }
}
