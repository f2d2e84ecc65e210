package io.megapipeline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Class mode (the tests' setting): every prompt shows to everyone, and only the admin token deletes. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class ClassModeTest {

    @Test
    void everyoneSeesEveryPromptAndOnlyTheAdminTokenDeletes() {
        String id = given().cookie(Owners.COOKIE, "alice-alice-alice-alic").contentType("audio/wav")
                .body(Clips.speech()).post("/api/prompts").then().statusCode(201).extract().path("id");

        given().cookie(Owners.COOKIE, "bob-bob-bob-bob-bob-bo").get("/api/prompts?size=100").then()
                .body("items.id", hasItem(id));
        given().get("/api/prompts/" + id).then().statusCode(200);
        given().get("/api/prompts/" + id + "/audio/input-audios").then().statusCode(200);

        given().cookie(Owners.COOKIE, "alice-alice-alice-alic").delete("/api/prompts/" + id).then().statusCode(403)
                .body("detail", equalTo("deleting a prompt of the class needs the admin token (Authorization: Bearer ...)"));
        given().header("Authorization", "Bearer not-the-token").delete("/api/prompts/" + id).then().statusCode(403);
        given().header("Authorization", RawHttp.ADMIN).delete("/api/prompts/" + id).then().statusCode(204);
        given().get("/api/prompts/" + id).then().statusCode(404);
    }
}
