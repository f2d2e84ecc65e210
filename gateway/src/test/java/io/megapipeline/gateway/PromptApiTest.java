package io.megapipeline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.stage.StageTestHarness;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The REST API against a real Kafka broker and a real S3 server. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class PromptApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectStore store;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    StageTestHarness stage;

    @BeforeEach
    void connect() {
        stage = new StageTestHarness(store, bootstrapServers);
    }

    @AfterEach
    void close() {
        stage.close();
    }

    private String upload(byte[] wav) {
        return given().contentType("audio/wav").body(wav).post("/api/prompts")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aValidUploadIsStoredAndAnnounced() {
        byte[] wav = Clips.speech();

        Response response = given().contentType("audio/wav").body(wav).post("/api/prompts");

        response.then().statusCode(201)
                .header("Location", containsString("/api/prompts/" + response.path("id")))
                .body("stages[0].artifact", equalTo("input-audios"))
                .body("stages[0].state", equalTo("done"))
                .body("stages[1].state", equalTo("pending"));
        PromptId id = PromptId.of(response.path("id"));
        assertArrayEquals(wav, store.get(Artifact.INPUT_AUDIOS.key(id)));
        PipelineEvent event = stage.awaitOutput(Artifact.INPUT_AUDIOS, id);
        assertEquals("input-audios/" + id + ".wav", event.key());
        assertEquals("gateway", event.producer());
        assertEquals(wav.length, event.size());
    }

    @Test
    void aMultipartFormUploadIsAccepted() {
        String id = given().multiPart("file", "prompt.wav", Clips.speech(), "audio/wav").post("/api/prompts")
                .then().statusCode(201).extract().path("id");

        assertTrue(store.exists(Artifact.INPUT_AUDIOS.key(PromptId.of(id))));
    }

    @Test
    void everyKindOfBadUploadIsRefusedWithItsReasonAndNothingIsStored() throws Exception {
        int before = store.list("input-audios/").size();
        byte[] wav = Clips.speech();

        refused("audio/wav", "hello, this is not audio".getBytes(StandardCharsets.UTF_8), 415, "not a WAV file");
        refused("audio/wav", Arrays.copyOf(wav, wav.length / 2), 400, "truncated WAV");
        refused("audio/wav", new byte[0], 400, "the audio is empty");
        refused("audio/wav", Clips.speechLasting(61), 413, "the audio is 61.0 s long; the limit is 60 s");
        refused("audio/wav", Arrays.copyOf(wav, 10 * 1024 * 1024 + 1), 413, "the limit is 10.0 MB");
        refused("audio/wav", new byte[12 * 1024 * 1024], 413, "the upload is 12.0 MB; the limit is 10.0 MB");
        refused("text/plain", wav, 415, "Content-Type 'text/plain");
        given().multiPart("other", "prompt.wav", wav, "audio/wav").post("/api/prompts")
                .then().statusCode(400).body("detail", equalTo("the form has no field 'file' with the WAV"));

        assertEquals(before, store.list("input-audios/").size(), "no refused upload is stored");
    }

    @Test
    void aRefusedUploadIsCountedOnce() {
        double before = refusedUploads();

        // Chunked, so that no declared size stops it before the gateway's own checks.
        int status = new RawHttp(base).sendChunked("/api/prompts", "audio/wav",
                Arrays.copyOf(Clips.speech(), 10 * 1024 * 1024 + 1)).status();

        assertEquals(413, status);
        assertEquals(before + 1, refusedUploads());
    }

    private double refusedUploads() {
        Counter refused = registry.find("gateway.uploads").tag("outcome", "refused").counter();
        return refused == null ? 0 : refused.count(); // registered with the first upload
    }

    private static void refused(String contentType, byte[] body, int status, String reason) {
        given().contentType(contentType).body(body).post("/api/prompts")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(reason));
    }

    @Test
    void theListIsNewestFirstAndPaged() {
        String first = upload(Clips.speech());
        String second = upload(Clips.speech());

        List<String> ids = given().get("/api/prompts?size=100").then().statusCode(200).extract().path("items.id");
        assertTrue(ids.indexOf(second) < ids.indexOf(first), "newest first: " + ids);
        given().get("/api/prompts?page=0&size=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(ids.get(0)))
                .body("total", equalTo(ids.size()));
        given().get("/api/prompts?page=1&size=1").then().body("items[0].id", equalTo(ids.get(1)));
        given().get("/api/prompts?size=0").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theDetailShowsTextsTimingsAndAudioUrls() {
        PromptId id = PromptId.of(upload(Clips.speech()));
        stage.submit(id, Artifact.TEXT_PROMPTS, "transcribe-audio",
                "once upon a time".getBytes(StandardCharsets.UTF_8));

        given().get("/api/prompts/" + id).then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("stages[0].audioUrl", equalTo("/api/prompts/" + id + "/audio/input-audios"))
                .body("stages[0].text", nullValue());
        awaitState(id, 1, "done");
        given().get("/api/prompts/" + id).then()
                .body("stages[1].artifact", equalTo("text-prompts"))
                .body("stages[1].stage", equalTo("transcribe-audio"))
                .body("stages[1].text", equalTo("once upon a time"))
                .body("stages[1].seconds", org.hamcrest.Matchers.greaterThanOrEqualTo(0f))
                .body("stages[2].state", equalTo("pending"))
                .body("failed", equalTo(false));
    }

    void awaitState(PromptId id, int stage, String state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (state.equals(given().get("/api/prompts/" + id).path("stages[" + stage + "].state"))) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("stage " + stage + " of " + id + " did not become " + state);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void idsInUrlsAreValidated() {
        given().get("/api/prompts/not-an-id").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("malformed prompt id: prompt id must have 26 characters"));
        given().get("/api/prompts/0123456789abcdefghjkmnpqrU").then().statusCode(400)
                .body("detail", containsString("has characters outside"));
        given().delete("/api/prompts/..%2F..%2Fsecret").then().statusCode(400);
        given().get("/api/prompts/" + PromptId.generate()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/prompts/" + PromptId.generate() + "/audio/input-audios").then().statusCode(404);
    }

    @Test
    void audioIsServedWithRanges() {
        byte[] wav = Clips.speech();
        String id = upload(wav);
        String url = "/api/prompts/" + id + "/audio/input-audios";

        byte[] whole = given().get(url).then().statusCode(200).contentType("audio/wav")
                .header("Accept-Ranges", "bytes").header("Content-Length", String.valueOf(wav.length))
                .extract().asByteArray();
        assertArrayEquals(wav, whole);

        byte[] head = given().header("Range", "bytes=0-99").get(url).then().statusCode(206)
                .header("Content-Range", "bytes 0-99/" + wav.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(wav, 0, 100), head);

        byte[] middle = given().header("Range", "bytes=1000-").get(url).then().statusCode(206)
                .header("Content-Range", "bytes 1000-" + (wav.length - 1) + "/" + wav.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(wav, 1000, wav.length), middle);

        byte[] tail = given().header("Range", "bytes=-10").get(url).then().statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(wav, wav.length - 10, wav.length), tail);

        given().header("Range", "bytes=" + wav.length + "-").get(url).then().statusCode(416)
                .header("Content-Range", "bytes */" + wav.length).contentType("application/problem+json");
        given().header("Range", "bytes=abc").get(url).then().statusCode(416);
        given().get("/api/prompts/" + id + "/audio/text-prompts").then().statusCode(404)
                .body("detail", containsString("not an audio artifact"));
        given().get("/api/prompts/" + id + "/audio/nothing").then().statusCode(404);
        given().get("/api/prompts/" + id + "/audio/output-audios").then().statusCode(404)
                .body("detail", containsString("has no output-audios"));
    }

    @Test
    void deleteRemovesEveryObjectOfThePrompt() {
        PromptId id = PromptId.of(upload(Clips.speech()));
        store.put(Artifact.TEXT_PROMPTS.key(id), "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

        given().header("Authorization", RawHttp.ADMIN).delete("/api/prompts/" + id).then().statusCode(204);

        assertFalse(store.exists(Artifact.INPUT_AUDIOS.key(id)));
        assertFalse(store.exists(Artifact.TEXT_PROMPTS.key(id)));
        given().get("/api/prompts/" + id).then().statusCode(404);
        List<String> ids = given().get("/api/prompts?size=100").then().extract().path("items.id");
        assertFalse(ids.contains(id.toString()));
        given().header("Authorization", RawHttp.ADMIN).delete("/api/prompts/" + id).then().statusCode(204);
        assertTrue(store.exists(DeletionEvent.markerKey(id)), "the marker stays");
    }

    @Test
    void whatAStageWritesOfADeletedPromptIsRemovedAndNotListed() throws Exception {
        PromptId id = PromptId.of(upload(Clips.speech()));
        given().header("Authorization", RawHttp.ADMIN).delete("/api/prompts/" + id).then().statusCode(204);

        // A stage that was already working on it writes its output and announces it.
        stage.submit(id, Artifact.TEXT_PROMPTS, "transcribe-audio", "late".getBytes(StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(StageTestHarness.WAIT);
        while (store.exists(Artifact.TEXT_PROMPTS.key(id)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertFalse(store.exists(Artifact.TEXT_PROMPTS.key(id)), "removed when its event arrived");
        given().get("/api/prompts/" + id).then().statusCode(404);
    }

    @Test
    void aDeletionThroughAnotherReplicaIsAppliedHere() throws Exception {
        PromptId id = PromptId.of(upload(Clips.speech()));
        given().get("/api/prompts/" + id).then().statusCode(200);

        stage.send(DeletionEvent.TOPIC, id, EventCodec.toJson(DeletionEvent.of(id, "gateway")));
        Instant deadline = Instant.now().plus(StageTestHarness.WAIT);
        while (given().get("/api/prompts/" + id).statusCode() == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        given().get("/api/prompts/" + id).then().statusCode(404);
        List<String> ids = given().get("/api/prompts?size=100").then().extract().path("items.id");
        assertFalse(ids.contains(id.toString()));
    }

    @Test
    void corsAllowsOnlyTheFrontendsOrigin() {
        given().header("Origin", "http://localhost:8080").get("/api/prompts").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8080");
        given().header("Origin", "http://elsewhere.example").get("/api/prompts").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theFrontendOpenApiAndMetricsAreServed() {
        given().get("/").then().statusCode(200).body(containsString("<title>Mega Pipeline</title>"));
        given().get("/app.js").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/prompts/{id}/audio/{artifact}"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("gateway_uploads_total"));
    }
}
