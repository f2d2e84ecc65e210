package io.megapipeline.core.stage;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;

/**
 * Ends the process (status 1) once the service has not been live for {@code pipeline.stage.exit-when-not-live-for}.
 * Kubernetes and the launcher restart a service that stays not live, but Compose restarts only a container that
 * exits: without this, a stage whose channel has stopped would stay up there, taking no more prompts. Liveness is
 * checked every {@link #PERIOD} from the end of start-up until shutdown begins.
 */
@ApplicationScoped
public class LivenessWatchdog {

    static final Duration PERIOD = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(LivenessWatchdog.class);

    private final SmallRyeHealthReporter health;
    private final ProcessExit exit;
    private final Duration limit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "liveness-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    /** When liveness was first seen DOWN since it was last UP (System.nanoTime), or -1; the timer's alone. */
    private long downSince = -1;

    LivenessWatchdog(SmallRyeHealthReporter health, ProcessExit exit, StageConfig config) {
        this.health = health;
        this.exit = exit;
        this.limit = config.exitWhenNotLiveFor();
    }

    void start(@Observes StartupEvent event) {
        if (!limit.isZero() && !limit.isNegative()) {
            timer.scheduleWithFixedDelay(this::check, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Early among the shutdown observers: channels closing on the way out are no reason to exit. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        timer.shutdownNow();
    }

    private void check() {
        try {
            SmallRyeHealth liveness = health.getLiveness();
            long now = System.nanoTime();
            if (!liveness.isDown()) {
                downSince = -1;
                return;
            }
            if (downSince < 0) {
                downSince = now;
            }
            if (now - downSince >= limit.toNanos() && !stopping) {
                String reason = String.format(Locale.ROOT, "not live for %.1f s; down: %s", limit.toMillis() / 1000.0,
                        downChecks(liveness.getPayload()));
                timer.shutdown();
                exit.exit(reason);
            }
        } catch (RuntimeException e) {
            LOG.warnf("liveness could not be checked: %s", e.toString());
        }
    }

    /** The names and data of the checks that are down, e.g. a stopped channel and its failure. */
    private static String downChecks(JsonObject payload) {
        return payload.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "DOWN".equals(check.getString("status", "")))
                .map(check -> check.getString("name", "?") + " " + check.getOrDefault("data", JsonObject.EMPTY_JSON_OBJECT))
                .collect(Collectors.joining("; "));
    }

    /** Ends the process with status 1 through Quarkus' shutdown, which then exits the JVM with that status. */
    @ApplicationScoped
    public static class ProcessExit {
        public void exit(String reason) {
            LOG.errorf("exiting with status 1, to be started again: %s", reason);
            Quarkus.asyncExit(1);
        }
    }
}
