package io.megapipeline.gateway;

import java.math.BigDecimal;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.megapipeline.core.stage.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * Uploads per client and second ({@code gateway.upload.rate-limit.*}): past the limit an upload gets 429
 * with a {@code Retry-After} header before its body is read. Checked before anything else, so refused
 * uploads count too: the limit protects the WAV check as much as the store.
 */
@ApplicationScoped
public class UploadRateLimit {

    /** The longest client key kept: a forwarded address is at most this long. */
    private static final int MAX_KEY = 64;

    void install(@Observes Router router, GatewayConfig config, MeterRegistry registry) {
        GatewayConfig.RateLimit limit = config.upload().rateLimit();
        if (!limit.enabled()) {
            return;
        }
        RateLimiter limiter = new RateLimiter(limit.perSecond(), limit.burst(), limit.maxClients(), System::nanoTime);
        Counter limited = Counter.builder("gateway.uploads").tag("outcome", "rate-limited").register(registry);
        router.post(GatewayRoutes.UPLOADS).order(GatewayRoutes.UPLOAD_RATE_LIMIT).handler(ctx -> {
            String client = client(ctx.request(), limit.trustForwardedFor());
            long wait = limiter.acquire(client);
            if (wait == 0) {
                ctx.next();
                return;
            }
            limited.increment();
            long seconds = Math.max(1, (wait + 999_999_999) / 1_000_000_000);
            ctx.response().putHeader("Retry-After", String.valueOf(seconds));
            Problem.of(429, String.format(Locale.ROOT,
                    "too many uploads from %s: at most %s a second, %d at once; retry in %d s", client,
                    BigDecimal.valueOf(limit.perSecond()).stripTrailingZeros().toPlainString(), limit.burst(), seconds))
                    .send(ctx);
        });
    }

    /** The connection's address, or the last X-Forwarded-For address when the proxy is trusted. */
    static String client(HttpServerRequest request, boolean trustForwardedFor) {
        String forwarded = trustForwardedFor ? request.getHeader("X-Forwarded-For") : null;
        String address = forwarded == null || forwarded.isBlank()
                ? (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress())
                : forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        return address.length() > MAX_KEY ? address.substring(0, MAX_KEY) : address;
    }
}
