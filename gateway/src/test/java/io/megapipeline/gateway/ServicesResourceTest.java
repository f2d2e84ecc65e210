package io.megapipeline.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Topology;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * GET /api/services against the test's real Kafka: the gateway's own consumer group, a consumer that joins
 * transcribe-audio's group as a replica would, and stages that do not run (so are not ready).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class ServicesResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Progress progress;

    private static JsonPath services() {
        return given().get("/api/services").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> service(JsonPath body, String name) {
        return body.getMap("services.find { it.name == '" + name + "' }");
    }

    @Test
    void everyServiceInPipelineOrderWithTheGatewayReadyAndTheStagesThatDoNotRunNotReady() throws Exception {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            GatewayListening.await(kafka, progress); // the gateway's group has its member
        }
        JsonPath body = services();
        assertNull(body.get("kafkaProblem"));
        assertEquals(Topology.SERVICES.stream().map(Topology.Service::name).toList(), body.getList("services.name"));
        Map<String, Object> gateway = service(body, "gateway");
        assertEquals(true, gateway.get("ready"));
        assertEquals("UP", gateway.get("health"));
        assertTrue((Integer) gateway.get("replicas") >= 1, "its own consumer group has a member: " + gateway);
        assertNull(gateway.get("input"));
        for (Topology.Service stage : Topology.stages()) {
            Map<String, Object> view = service(body, stage.name());
            assertEquals(false, view.get("ready"), view.toString());
            assertTrue(((String) view.get("health")).startsWith("unreachable"), view.toString());
            assertEquals(stage.input().orElseThrow().topic(), view.get("input"));
            assertEquals("http://127.0.0.1:1", view.get("url"), "from gateway.services.<name>.url, without a trailing /");
        }
    }

    @Test
    void aStagesReplicasAreItsGroupsMembersAndItsLagTheRecordsItHasNotCommitted() throws Exception {
        try (KafkaConsumer<String, String> replica = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "transcribe-audio",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
                KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            replica.subscribe(List.of("input-audios"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (replica.assignment().isEmpty() && System.nanoTime() < deadline) {
                replica.poll(Duration.ofMillis(100));
            }
            assertFalse(replica.assignment().isEmpty(), "the replica joined its group");
            replica.commitSync(); // it has read everything so far
            GatewayListening.send(kafka, "input-audios", "not-a-prompt", "{}");
            GatewayListening.send(kafka, "input-audios", "not-a-prompt", "{}");

            Map<String, Object> transcribe = awaitService("transcribe-audio",
                    view -> Integer.valueOf(1).equals(view.get("replicas")) && Integer.valueOf(2).equals(view.get("lag")));
            assertEquals(false, transcribe.get("ready"), "a consumer is no running service: " + transcribe);
        }
    }

    /** The service's view once it matches (the answer is cached for gateway.status.cache). */
    private static Map<String, Object> awaitService(String name, java.util.function.Predicate<Map<String, Object>> match)
            throws InterruptedException {
        Map<String, Object> view = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            view = service(services(), name);
            if (match.test(view)) {
                return view;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no matching view of " + name + " within 20 s: " + view);
    }
}
