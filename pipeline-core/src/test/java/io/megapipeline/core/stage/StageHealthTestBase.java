package io.megapipeline.core.stage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * Every service is live and ready once started (engine loaded, broker and store reachable). A service's
 * {@code HealthTest} extends this class and carries {@code @QuarkusTest} and its test resources.
 */
public abstract class StageHealthTestBase {

    @Test
    void theServiceIsLiveAndReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
