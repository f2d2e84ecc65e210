package io.megapipeline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Cross-origin access only for the frontend's origin, and only audio artifacts served as audio. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class SecurityTest {

    private static final String FRONTEND = "http://localhost:8080";

    @Inject
    ObjectStore store;

    @Test
    void aPreflightFromTheFrontendIsAdmitted() {
        given().header("Origin", FRONTEND).header("Access-Control-Request-Method", "POST")
                .options("/api/prompts").then()
                .header("Access-Control-Allow-Origin", FRONTEND);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://elsewhere.example", "http://localhost:8080.elsewhere.example",
            "https://localhost:8080", "http://localhost:8081", "http://127.0.0.1:8080", "null" })
    void aPreflightFromAnyOtherOriginIsNot(String origin) {
        given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .options("/api/prompts").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", origin).header("Access-Control-Request-Method", "DELETE")
                .options("/api/prompts/" + PromptId.generate()).then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", origin).get("/api/prompts").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void onlyTheThreeAudioArtifactsAreServedEvenWhenEveryObjectExists() {
        PromptId id = PromptId.generate();
        for (Artifact artifact : Artifact.values()) {
            store.put(artifact.key(id), "content".getBytes(StandardCharsets.UTF_8), artifact.contentType());
        }
        try {
            for (Artifact artifact : Artifact.values()) {
                String url = "/api/prompts/" + id + "/audio/" + artifact;
                if (artifact.isAudio()) {
                    given().get(url).then().statusCode(200).contentType("audio/wav").body(equalTo("content"));
                } else {
                    given().get(url).then().statusCode(404).contentType("application/problem+json")
                            .body("detail", containsString("'" + artifact + "' is not an audio artifact"));
                }
            }
        } finally {
            for (Artifact artifact : Artifact.values()) {
                store.delete(artifact.key(id));
            }
        }
    }
}
