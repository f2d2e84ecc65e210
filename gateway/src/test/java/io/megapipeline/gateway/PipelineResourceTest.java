package io.megapipeline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Topology;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class PipelineResourceTest {

    @ConfigProperty(name = "mp.messaging.incoming.pipeline-progress.topics")
    List<String> progressTopics;

    @Test
    void theGatewayFollowsEveryTopicOfTheTopology() {
        assertEquals(Topology.topics(), progressTopics);
    }

    @Test
    void theTopologyInPipelineOrder() {
        given().get("/api/pipeline").then().statusCode(200)
                .body("services.name", contains("gateway", "transcribe-audio", "generate-text", "synthesis-audio-en",
                        "translate-text", "synthesis-audio"))
                .body("services[0].input", nullValue())
                .body("services[4].input", equalTo("text-paragraphs"))
                .body("services[4].output", equalTo("text-translated"))
                .body("services[4].port", equalTo(8084))
                .body("artifacts.name", contains("input-audios", "text-prompts", "text-paragraphs", "text-audios",
                        "text-translated", "output-audios"))
                .body("artifacts.title", contains("Audio prompt", "Transcribed text", "Generated text", "English audio",
                        "French text", "French audio"))
                .body("artifacts[2].consumers", contains("synthesis-audio-en", "translate-text"))
                .body("artifacts[5].audio", equalTo(true))
                .body("failuresTopic", equalTo("pipeline-failures"));
    }
}
