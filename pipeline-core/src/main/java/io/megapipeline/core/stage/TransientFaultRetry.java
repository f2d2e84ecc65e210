package io.megapipeline.core.stage;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.Guard;

/**
 * Retries a call that failed on one type of transient fault, with exponential backoff, through SmallRye
 * Fault Tolerance ({@code pipeline.stage.retry.*}). Each retry is logged; when the tries run out the last
 * fault comes back as an {@link ExhaustedException}, which the stage turns into a retryable failure.
 */
final class TransientFaultRetry {

    private static final Logger LOG = Logger.getLogger(TransientFaultRetry.class);

    /** Every try failed; the last fault is the cause. */
    static final class ExhaustedException extends RuntimeException {
        ExhaustedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The most tries the backoff supports: the library doubles its delay on past the cap and, after
     * about 55 retries, the product overflows into waits of 0 ms, a busy loop on the store or broker.
     */
    static final int MAX_ATTEMPTS = 50;

    private final Class<? extends RuntimeException> fault;
    private final int maxAttempts;
    private final long firstDelay;
    private final long maxDelay;
    private final Guard guard;

    TransientFaultRetry(Class<? extends RuntimeException> fault, StageConfig config) {
        if (config.maxAttempts() > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("pipeline.stage.retry.max-attempts is " + config.maxAttempts()
                    + "; at most " + MAX_ATTEMPTS + " are supported: raise retry.max-delay for longer outages");
        }
        this.fault = fault;
        this.maxAttempts = Math.max(1, config.maxAttempts()); // the library reads -1 retries as endless
        this.maxDelay = config.maxDelay().toMillis();
        this.firstDelay = Math.min(config.initialDelay().toMillis(), maxDelay);
        Guard.Builder.RetryBuilder retry = Guard.create().withRetry()
                .retryOn(fault)
                .maxRetries(maxAttempts - 1)
                .delay(firstDelay, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS) // the library's default moves each delay by up to 200 ms
                .maxDuration(0, ChronoUnit.MILLIS); // no time limit (the default is 180 s): the tries bound it
        if (firstDelay < maxDelay) { // the library refuses a backoff whose first delay is already the cap
            retry.withExponentialBackoff().factor(2).maxDelay(maxDelay, ChronoUnit.MILLIS).done();
        }
        this.guard = retry.done().build();
    }

    <T> T call(String what, Supplier<T> call) {
        AtomicInteger tries = new AtomicInteger();
        try {
            return guard.call(() -> {
                int attempt = tries.incrementAndGet();
                try {
                    return call.get();
                } catch (RuntimeException e) {
                    if (fault.isInstance(e) && attempt < maxAttempts) {
                        LOG.warnf("%s failed (try %d of %d), again in %d ms: %s", what, attempt, maxAttempts,
                                delayAfter(attempt), e.getMessage());
                    }
                    throw e;
                }
            }, anyType());
        } catch (InterruptedException e) {
            // Interrupted while waiting (the stage is shutting down): keep the flag, the caller checks it.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        } catch (RuntimeException e) {
            if (fault.isInstance(e)) {
                throw new ExhaustedException(e.getMessage() + " (gave up after " + tries.get() + " tries)", e);
            }
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // no call here throws a checked exception
        }
    }

    void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** The wait after the given try, as the backoff computes it: doubled after each try, at most the max delay. */
    private long delayAfter(int attempt) {
        long delay = firstDelay;
        for (int i = 1; i < attempt && delay < maxDelay; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxDelay);
    }

    /** The result's type only tells the library whether the call is asynchronous: these calls never are. */
    @SuppressWarnings("unchecked")
    private static <T> Class<T> anyType() {
        return (Class<T>) Object.class;
    }
}
