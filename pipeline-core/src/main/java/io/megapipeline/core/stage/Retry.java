package io.megapipeline.core.stage;

import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/** Retries a call that failed on a transient fault, with exponential backoff. */
final class Retry {

    private static final Logger LOG = Logger.getLogger(Retry.class);

    /** Every try failed; the last fault is the cause. */
    static final class ExhaustedException extends RuntimeException {
        ExhaustedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;

    Retry(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    <T> T call(String what, Class<? extends RuntimeException> transientFault, Supplier<T> call) {
        long delay = initialDelay.toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!transientFault.isInstance(e)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    throw new ExhaustedException(e.getMessage() + " (gave up after " + attempt + " tries)", e);
                }
                LOG.warnf("%s failed (try %d of %d), again in %d ms: %s", what, attempt, maxAttempts, delay, e.getMessage());
                sleep(delay);
                delay = Math.min(delay * 2, maxDelay.toMillis());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
