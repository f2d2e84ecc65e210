package io.megapipeline.transcribe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.megapipeline.testing.WordErrorRate;
import io.megapipeline.transcribe.SpeechClips.Clip;
import io.megapipeline.transcribe.SpeechClips.Layout;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** The direct endpoint, POST /transcribe, on real speech and on every kind of refused audio. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class TranscribeResourceTest {

    private static final Clip TEN_OF_CLUBS = SpeechClips.cards().get(0);

    @Test
    void speechInTextOut() {
        String text = given().contentType("audio/wav").body(TEN_OF_CLUBS.bytes())
                .post("/transcribe")
                .then().statusCode(200).contentType("text/plain").extract().asString();

        assertEquals(TEN_OF_CLUBS.reference(), text);
    }

    @Test
    void jsonGivesEachWordWithItsTimesAndConfidence() {
        Clip sentence = SpeechClips.librivox().get(4); // "he might even have been made amiable himself", 3.3 s
        JsonPath json = given().contentType("audio/wav").accept("application/json").body(sentence.bytes())
                .post("/transcribe")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();

        List<Map<String, Object>> words = json.getList("words");
        String text = json.getString("text");
        assertTrue(WordErrorRate.of(sentence.reference(), text) <= 0.25, text);
        assertEquals(text, String.join(" ", words.stream().map(w -> (String) w.get("word")).toList()));
        double previousEnd = 0;
        for (Map<String, Object> word : words) {
            double start = ((Number) word.get("start")).doubleValue();
            double end = ((Number) word.get("end")).doubleValue();
            double confidence = ((Number) word.get("confidence")).doubleValue();
            assertTrue(start >= previousEnd - 0.01 && start < end && end <= 3.3, word.toString());
            assertTrue(confidence > 0 && confidence <= 1, word.toString());
            previousEnd = end;
        }
    }

    @Test
    void stereoAt44kHzIsConverted() {
        Clip stereo = SpeechClips.convert(TEN_OF_CLUBS, Layout.STEREO_44K);

        given().contentType("audio/x-wav").body(stereo.bytes())
                .post("/transcribe")
                .then().statusCode(200).body(equalTo(TEN_OF_CLUBS.reference()));
    }

    @Test
    void fourChannelsAt48kHzAreConverted() {
        // sox writes WAVE_FORMAT_EXTENSIBLE for more than two channels
        SpeechClips.sox(TEN_OF_CLUBS.wav().toString(), "-r", "48000", "-c", "4", "target/speech-clips/four-channels.wav");
        Clip quad = new Clip("four-channels", java.nio.file.Path.of("target/speech-clips/four-channels.wav"),
                TEN_OF_CLUBS.reference());

        given().contentType("audio/wav").body(quad.bytes())
                .post("/transcribe")
                .then().statusCode(200).body(equalTo(TEN_OF_CLUBS.reference()));
    }

    @ParameterizedTest
    @EnumSource(BadAudio.class)
    void badAudioIsRefusedWithTheReason(BadAudio bad) {
        given().contentType("audio/wav").body(bad.bytes())
                .post("/transcribe")
                .then().statusCode(bad.status)
                .contentType("application/problem+json")
                .body("detail", equalTo(bad.reason));
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedBeforeItIsSent() throws Exception {
        // With "Expect: 100-continue" the server answers from the declared length, before the body is sent.
        URI endpoint = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/transcribe");
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "audio/wav")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[17 * 1024 * 1024]))
                .build();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
    }

    @Test
    void anotherContentTypeIsRefused() {
        given().contentType("audio/mpeg").body(TEN_OF_CLUBS.bytes())
                .post("/transcribe")
                .then().statusCode(415);
    }
}
