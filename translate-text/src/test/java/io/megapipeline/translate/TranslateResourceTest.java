package io.megapipeline.translate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /translate: English in, French out, refusals with a reason. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class TranslateResourceTest {

    @Test
    void englishBecomesFrench() {
        given().contentType("text/plain; charset=utf-8")
                .body("The quick brown fox jumps over the lazy dog.\n\nThe cat is sleeping on the bed.")
                .post("/translate")
                .then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(allOf(containsString("renard"), containsString("chien"), containsString("\n\n"),
                        containsString("chat"), not(containsString("*"))));
    }

    @Test
    void unknownWordsAreCountedInTheMetrics() {
        given().contentType("text/plain").body("Zorblax gleeped.").post("/translate")
                .then().statusCode(200).body(allOf(containsString("Zorblax"), not(containsString("*"))));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("translate_unknown_words_total{engine=\"apertium\"}"));
    }

    @Test
    void emptyTextIsRefused() {
        given().contentType("text/plain").body(new byte[0]).post("/translate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("the text is empty: there is nothing to translate"));
    }

    @Test
    void tooLongTextIsRefused() {
        given().contentType("text/plain").body("word ".repeat(2001)).post("/translate")
                .then().statusCode(413)
                .body("detail", equalTo("the text is 10005 characters long; the limit is 10000"));
    }

    @Test
    void invalidUtf8IsRefused() {
        given().contentType("text/plain").body(new byte[] { 'o', 'k', (byte) 0xC3, (byte) 0x28 }).post("/translate")
                .then().statusCode(415)
                .body("detail", equalTo("text is not valid UTF-8"));
    }

    @Test
    void controlCharactersAreRefused() {
        given().contentType("text/plain").body("bell\u0007").post("/translate")
                .then().statusCode(400)
                .body("detail", containsString("control character U+0007"));
    }
}
