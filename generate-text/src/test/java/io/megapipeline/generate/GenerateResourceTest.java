package io.megapipeline.generate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /generate on the real model. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class GenerateResourceTest {

    private static String plain(String prompt) {
        return given().contentType("text/plain; charset=utf-8").body(prompt).post("/generate")
                .then().statusCode(200).contentType(containsString("text/plain")).extract().asString();
    }

    @Test
    void aTextPromptGivesAParagraphThatContinuesIt() {
        String paragraph = plain("Lily found a shell");

        assertEquals(paragraph, plain("Lily found a shell"), "no seed given: the same prompt, the same paragraph");
        org.hamcrest.MatcherAssert.assertThat(paragraph, startsWith("Lily found a shell"));
        org.junit.jupiter.api.Assertions.assertTrue(paragraph.length() > 100, paragraph);
    }

    @Test
    void jsonSetsTheSamplingGreedyGivesTheReference() {
        given().contentType("application/json")
                .body(Map.of("prompt", "Once upon a time", "maxNewTokens", 40, "temperature", 0))
                .post("/generate")
                .then().statusCode(200).body(startsWith(OnnxGenerationEngineTest.REFERENCE));
    }

    @Test
    void jsonSeedsChooseTheStory() {
        String one = given().contentType("application/json").body(Map.of("prompt", "The cat", "seed", 1, "topK", 20, "topP", 0.9))
                .post("/generate").then().statusCode(200).extract().asString();
        String two = given().contentType("application/json").body(Map.of("prompt", "The cat", "seed", 2, "topK", 20, "topP", 0.9))
                .post("/generate").then().statusCode(200).extract().asString();
        assertNotEquals(one, two);
    }

    @Test
    void refusalsSayWhy() {
        given().contentType("text/plain").body("   ").post("/generate")
                .then().statusCode(400).contentType("application/problem+json").body("detail", equalTo("the prompt is empty"));
        given().contentType("application/json").body(Map.of("maxNewTokens", 10)).post("/generate")
                .then().statusCode(400).body("detail", equalTo("the prompt is empty"));
        given().contentType("text/plain").body(new byte[] { 'h', 'i', (byte) 0xC3, (byte) 0x28 }).post("/generate")
                .then().statusCode(415).body("detail", equalTo("text is not valid UTF-8"));
        given().contentType("text/plain").body("the dog ran. ".repeat(100)).post("/generate")
                .then().statusCode(413).body("detail", containsString("context of 512 tokens"));
        given().contentType("application/json").body(Map.of("prompt", "Hi", "topP", 1.5)).post("/generate")
                .then().statusCode(400).body("detail", containsString("topP"));
        given().contentType("application/json").body(Map.of("prompt", "Hi", "maxNewTokens", 0)).post("/generate")
                .then().statusCode(400).body("detail", containsString("maxNewTokens"));
    }
}
