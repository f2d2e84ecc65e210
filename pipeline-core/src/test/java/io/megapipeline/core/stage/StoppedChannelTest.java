package io.megapipeline.core.stage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A stage whose input channel has stopped (here an Error that no code handles) reports itself not live,
 * so that Kubernetes, Compose (through the launcher's or the orchestrator's health check) restart it.
 */
@QuarkusTest
@TestProfile(StoppedChannelTest.CrashingEngine.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class StoppedChannelTest {

    public static class CrashingEngine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("uppercase.crash-on", "crash the channel");
        }
    }

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aStoppedChannelMakesTheStageNotLive() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        try (StageTestHarness stage = new StageTestHarness(store, bootstrapServers)) {
            stage.submit(Artifact.TEXT_PROMPTS, "test", "crash the channel".getBytes(StandardCharsets.UTF_8));
            Instant deadline = Instant.now().plus(StageTestHarness.WAIT);
            int status;
            while ((status = given().get("/q/health/live").statusCode()) == 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertEquals(503, status, "liveness after the channel stopped");
            String body = given().get("/q/health/live").asString();
            assertTrue(body.contains("text-prompts"), body);
        }
    }
}
