package io.megapipeline.core.stage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every engine of the service has loaded its model. */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {

    private final Instance<StageEngine> engines;

    EngineHealthCheck(Instance<StageEngine> engines) {
        this.engines = engines;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("engine").up();
        for (StageEngine engine : engines) {
            boolean ready = engine.isReady();
            response.withData(engine.describe(), ready ? "ready" : "loading");
            if (!ready) {
                response.down();
            }
        }
        return response.build();
    }
}
