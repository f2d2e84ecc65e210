package io.megapipeline.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3Server;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The readiness check of the store against a real S3 server that stops and starts again. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class ObjectStoreHealthCheckTest {

    @Inject
    @Readiness
    ObjectStoreHealthCheck check;

    @Test
    void theStoreIsNotReadyWhileItIsDownAndReadyAgainAfter() {
        assertEquals(Status.UP, check.call().getStatus());

        S3Server s3 = S3TestResource.server();
        s3.stop();
        try {
            long start = System.nanoTime();
            HealthCheckResponse down = check.call();
            assertEquals(Status.DOWN, down.getStatus());
            assertEquals("object-store", down.getName());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "answers within the health timeout");
        } finally {
            s3.start();
        }
        assertEquals(Status.UP, check.call().getStatus());
    }
}
