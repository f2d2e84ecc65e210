package io.megapipeline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.PromptId;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Private by default: each browser's owner cookie, and another owner's prompt is as good as none (404). */
@QuarkusTest
@TestProfile(OwnershipTest.PrivateMode.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class OwnershipTest {

    /** The gateway's default visibility, which the other tests replace with class mode. */
    public static class PrivateMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.visibility", "private");
        }
    }

    @Inject
    ObjectStore store;

    private static String newOwner() {
        return given().get("/api/prompts").then().statusCode(200).extract().cookie(Owners.COOKIE);
    }

    private static String upload(String owner) {
        return given().cookie(Owners.COOKIE, owner).contentType("audio/wav").body(Clips.speech())
                .post("/api/prompts").then().statusCode(201).extract().path("id");
    }

    @Test
    void aNewBrowserGetsAnUnguessableHttpOnlyStrictCookieSecureOverHttps() {
        String plain = given().get("/api/prompts").then().extract().header("Set-Cookie");
        String https = given().header("X-Forwarded-Proto", "https").get("/").then().extract().header("Set-Cookie");

        assertTrue(plain.matches(Owners.COOKIE + "=[A-Za-z0-9_-]{22}; Max-Age=\\d+; .*"), plain);
        String attributes = plain.toLowerCase(java.util.Locale.ROOT); // Netty writes "HTTPOnly"
        assertTrue(attributes.contains("; path=/") && attributes.contains("; httponly")
                && attributes.contains("; samesite=strict"), plain);
        assertFalse(attributes.contains("secure"), plain);
        assertTrue(https.toLowerCase(java.util.Locale.ROOT).contains("; secure"), https);
        String owner = newOwner();
        assertEquals(null, given().cookie(Owners.COOKIE, owner).get("/api/prompts").then().extract().header("Set-Cookie"),
                "a known browser keeps its token");
        assertFalse(newOwner().equals(newOwner()), "every new browser has its own");
    }

    @Test
    void anotherOwnersPromptIsNotListedAndItsPagesAudioAndDeleteAre404() {
        String alice = newOwner();
        String bob = newOwner();
        String id = upload(alice);

        given().cookie(Owners.COOKIE, bob).get("/api/prompts?size=100").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().cookie(Owners.COOKIE, bob).get("/api/prompts/" + id).then().statusCode(404);
        given().cookie(Owners.COOKIE, bob).get("/api/prompts/" + id + "/audio/input-audios").then().statusCode(404);
        given().cookie(Owners.COOKIE, bob).delete("/api/prompts/" + id).then().statusCode(404);
        given().get("/api/prompts/" + id).then().statusCode(404); // no cookie: a new browser

        given().cookie(Owners.COOKIE, alice).get("/api/prompts?size=100").then().body("items.id", hasItem(id));
        given().cookie(Owners.COOKIE, alice).get("/api/prompts/" + id).then().statusCode(200);
        given().cookie(Owners.COOKIE, alice).get("/api/prompts/" + id + "/audio/input-audios").then().statusCode(200);
        assertEquals(1, store.list(Owners.prefix(PromptId.of(id))).size(), "the owner is stored with the prompt");

        given().cookie(Owners.COOKIE, alice).delete("/api/prompts/" + id).then().statusCode(204);
        assertEquals(0, store.list(Owners.prefix(PromptId.of(id))).size());
    }
}
