package io.megapipeline.monolith;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.ProjectRoot;
import io.megapipeline.testing.S3TestResource;
import io.megapipeline.testing.WordErrorRate;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The six services in one application on a real S3 server and no broker: a recorded prompt uploaded to the
 * gateway goes through the five stages in memory to both audios, and every endpoint of every service answers
 * in the one process.
 */
@QuarkusTest
@WithTestResource(S3TestResource.class)
class MonolithPipelineTest {

    @Inject
    ObjectStore store;

    @Test
    void aRecordedPromptGoesThroughEveryStageInMemory() throws Exception {
        byte[] wav = Files.readAllBytes(ProjectRoot.get().resolve("samples/ill-disposed.wav"));
        String id = given().contentType("audio/wav").body(wav).post("/api/prompts")
                .then().statusCode(201).extract().path("id");

        JsonPath prompt = awaitDone(id, Duration.ofMinutes(2));

        String transcript = prompt.getString("stages.find { it.artifact == 'text-prompts' }.text");
        assertTrue(WordErrorRate.of("he was not an ill disposed young man", transcript) <= 0.25, transcript);
        for (Topology.Service stage : Topology.stages()) {
            assertTrue(store.exists(stage.output().key(PromptId.of(id))), stage.output() + " stored");
        }
        byte[] french = store.get(Artifact.OUTPUT_AUDIOS.key(PromptId.of(id)));
        assertTrue(Wav.read(french, Duration.ofMinutes(5)).rms() > 0.02, "the French story is spoken");
    }

    @Test
    void theStagesEndpointsAnswerInTheOneProcess() {
        given().contentType("text/plain").body("Once upon a time").post("/generate").then().statusCode(200);
        given().contentType("text/plain").body("The little dog runs.").post("/translate").then().statusCode(200);
        given().contentType("text/plain").body("Hello there.").post("/synthesize/en").then().statusCode(200)
                .contentType("audio/wav");
        given().contentType("text/plain").body("Bonjour.").post("/synthesize/fr").then().statusCode(200)
                .contentType("audio/wav");
        // Two voices here: the one without a language says which there are.
        given().contentType("text/plain").body("Hello.").post("/synthesize").then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("en and fr"));
        given().get("/api/services").then().statusCode(200).body("deployment", org.hamcrest.Matchers.equalTo("monolith"))
                .body("services.replicas", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo(1)));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * Every module's application.properties comes along; the monolith's own settings are the ones that hold, and
     * no Kafka channel setting is left to ask for a connector.
     */
    @Test
    void theMonolithsSettingsHoldOverTheModulesAndNoChannelWantsAConnector() {
        Config config = ConfigProvider.getConfig();
        assertEquals("monolith", config.getValue("quarkus.application.name", String.class));
        assertEquals(24, config.getValue("smallrye.messaging.worker.pipeline-stage.max-concurrency", Integer.class),
                "not generate-text's 8");
        assertEquals("16M", config.getValue("quarkus.http.limits.max-body-size", String.class), "not the gateway's 11M");
        assertEquals("en-GB", config.getValue("synthesis-en.voice", String.class));
        assertEquals("fr-FR", config.getValue("synthesis-fr.voice", String.class));
        List<String> channelSettings = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(NoConnectorChannels::isChannelSetting).toList();
        assertEquals(List.of(), channelSettings);
    }

    private static JsonPath awaitDone(String id, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonPath prompt = given().get("/api/prompts/" + id).then().statusCode(200).extract().jsonPath();
            List<String> states = prompt.getList("stages.state");
            assertTrue(!prompt.getBoolean("failed"), prompt.prettify());
            if (states.stream().allMatch("done"::equals)) {
                assertEquals(Topology.SERVICES.size(), states.size());
                return prompt;
            }
            assertTrue(Instant.now().isBefore(deadline), "not done in " + timeout + ": " + prompt.prettify());
            Thread.sleep(200);
        }
    }
}
