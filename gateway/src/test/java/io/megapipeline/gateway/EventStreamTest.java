package io.megapipeline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The progress stream: events published on the topics reach an SSE client and the prompt's detail. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStore store;

    @Inject
    Progress progress;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/api/events")
    URI events;

    KafkaCompanion kafka;
    InputStream stream;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws Exception {
        kafka = new KafkaCompanion(bootstrapServers);
        GatewayListening.await(kafka, progress);
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(events).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        stream = response.body();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // closed by the test
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        assertEquals(":connected", next(":"), "the stream opens with a comment");
    }

    @AfterEach
    void close() throws Exception {
        stream.close();
        kafka.close();
    }

    /** The next line starting with the prefix. */
    private String next(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within 30 s");
    }

    /** The next data message about the prompt. */
    private JsonNode nextEventOf(PromptId id) throws Exception {
        while (true) {
            JsonNode event = JSON.readTree(next("data:").substring(5).trim());
            if (event.path("promptId").asText().equals(id.toString())) {
                return event;
            }
        }
    }

    @Test
    void artifactEventsOnEveryTopicReachTheStreamAndTheDetail() throws Exception {
        PromptId id = PromptId.of(given().contentType("audio/wav").body(Clips.speech()).post("/api/prompts")
                .then().statusCode(201).extract().<String>path("id"));
        JsonNode uploaded = nextEventOf(id);
        assertEquals("input-audios", uploaded.get("topic").asText());
        assertEquals("artifact", uploaded.get("kind").asText());
        assertFalse(uploaded.has("taken") || uploaded.has("engineMillis"), "an upload has no stage timings: " + uploaded);

        String[] texts = { "once upon a time", "there was a fox", null, "il était une fois", null };
        Artifact[] downstream = { Artifact.TEXT_PROMPTS, Artifact.TEXT_PARAGRAPHS, Artifact.TEXT_AUDIOS,
                Artifact.TEXT_TRANSLATED, Artifact.OUTPUT_AUDIOS };
        Instant[] takens = new Instant[downstream.length];
        for (int i = 0; i < downstream.length; i++) {
            Artifact artifact = downstream[i];
            byte[] payload = texts[i] != null ? texts[i].getBytes(StandardCharsets.UTF_8) : Clips.speech();
            store.put(artifact.key(id), payload, artifact.contentType());
            Instant taken = Instant.now().minusMillis(100);
            takens[i] = taken;
            GatewayListening.send(kafka, artifact.topic(), id.toString(), EventCodec.toJson(PipelineEvent.of(id, artifact,
                    Topology.producerOf(artifact).name(), payload.length, taken, 10L + i)));

            JsonNode event = nextEventOf(id);
            assertEquals(artifact.topic(), event.get("topic").asText());
            assertEquals("artifact", event.get("kind").asText());
            assertEquals(artifact.key(id), event.get("key").asText());
            assertEquals(payload.length, event.get("size").asLong());
            assertEquals(taken, Instant.parse(event.get("taken").asText()), "when the stage took its input");
            assertEquals(10 + i, event.get("engineMillis").asLong(), "how long its engine ran");
        }

        given().get("/api/prompts/" + id).then().statusCode(200)
                .body("stages.state", org.hamcrest.Matchers.everyItem(equalTo("done")))
                .body("stages[2].text", equalTo("there was a fox"))
                .body("stages[4].text", equalTo("il était une fois"))
                .body("stages[3].audioUrl", equalTo("/api/prompts/" + id + "/audio/text-audios"))
                .body("stages[5].audioUrl", equalTo("/api/prompts/" + id + "/audio/output-audios"))
                .body("totalSeconds", org.hamcrest.Matchers.notNullValue())
                .body("stages[0]", not(hasKey("taken")))
                .body("stages[0]", not(hasKey("engineMillis")))
                .body("stages[1].engineMillis", equalTo(10))
                .body("stages[5].engineMillis", equalTo(14))
                .body("stages.findAll { it.taken != null }.size()", equalTo(5));
        String taken = given().get("/api/prompts/" + id).then().extract().path("stages[3].taken");
        assertEquals(takens[2], Instant.parse(taken), "the detail says when each stage took its input");
        given().get("/api/prompts/" + id + "/audio/output-audios").then().statusCode(200);
    }

    @Test
    void aFailureReachesTheStreamAndTheDetailShowsItsReason() throws Exception {
        PromptId id = PromptId.of(given().contentType("audio/wav").body(Clips.speech()).post("/api/prompts")
                .then().statusCode(201).extract().<String>path("id"));
        GatewayListening.send(kafka, "pipeline-failures", id.toString(), EventCodec.toJson(
                FailureEvent.of(id, "transcribe-audio", Artifact.INPUT_AUDIOS.key(id), "no speech recognized", false)));

        JsonNode failure = nextEventOf(id);
        while (!failure.get("kind").asText().equals("failure")) {
            failure = nextEventOf(id);
        }
        assertEquals("pipeline-failures", failure.get("topic").asText());
        assertEquals("no speech recognized", failure.get("reason").asText());
        given().get("/api/prompts/" + id).then()
                .body("failed", equalTo(true))
                .body("stages[1].state", equalTo("failed"))
                .body("stages[1].reason", equalTo("no speech recognized"))
                .body("stages[1].retryable", equalTo(false))
                .body("stages[2].state", equalTo("pending"));
    }

    @Test
    void aDeleteIsAnnounced() throws Exception {
        PromptId id = PromptId.of(given().contentType("audio/wav").body(Clips.speech()).post("/api/prompts")
                .then().statusCode(201).extract().<String>path("id"));
        given().header("Authorization", RawHttp.ADMIN).delete("/api/prompts/" + id).then().statusCode(204);

        JsonNode event = nextEventOf(id);
        while (!event.get("kind").asText().equals("deleted")) {
            event = nextEventOf(id);
        }
    }

    @Test
    void anInvalidRecordIsSkippedAndTheStreamGoesOn() throws Exception {
        PromptId id = PromptId.generate();
        GatewayListening.send(kafka, "text-prompts", id.toString(), "{not json");
        GatewayListening.send(kafka, "text-prompts", id.toString(), EventCodec.toJson(PipelineEvent.of(id, Artifact.TEXT_PARAGRAPHS, "x", 1)));
        GatewayListening.send(kafka, "text-prompts", id.toString(), EventCodec.toJson(PipelineEvent.of(id, Artifact.TEXT_PROMPTS, "x", 1)));

        JsonNode event = nextEventOf(id);
        assertEquals("text-prompts", event.get("artifact").asText(), "the two invalid records were skipped");
        given().get("/api/prompts/" + id).then().statusCode(404); // not uploaded: not listed
    }
}
