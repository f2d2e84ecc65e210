package io.megapipeline.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.gateway.PromptView.StageView;
import io.megapipeline.gateway.PromptView.State;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * What a restarted gateway knows: a fresh catalog, built the way start-up builds it, over the objects in
 * the store and the failure topic, with none of the running gateway's memory.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class RestartTest {

    @Inject
    ObjectStore store;

    @Inject
    GatewayConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** The browser whose prompts these are. */
    private static final String OWNER_TOKEN = "restart-restart-restar";
    /** Who sees every prompt, as in class mode. */
    private static final Viewer EVERYONE = new Viewer(Owners.NOBODY, true);

    private PromptId upload() {
        return PromptId.of(given().cookie(Owners.COOKIE, OWNER_TOKEN).contentType("audio/wav").body(Clips.speech()).post("/api/prompts")
                .then().statusCode(201).extract().<String>path("id"));
    }

    @Test
    void theListTheTextsAndTheFailureReasonsSurviveARestart() {
        PromptId transcribed = upload();
        store.put(Artifact.TEXT_PROMPTS.key(transcribed), "the quick brown fox".getBytes(StandardCharsets.UTF_8),
                "text/plain");
        PromptId failed = upload();
        PromptId deleted = upload();
        given().header("Authorization", RawHttp.ADMIN).delete("/api/prompts/" + deleted).then().statusCode(204);
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            GatewayListening.send(kafka, "pipeline-failures", failed.toString(), EventCodec.toJson(FailureEvent.of(failed, "generate-text",
                    Artifact.TEXT_PROMPTS.key(failed), "the prompt is empty", false)));
        }

        PromptCatalog restarted = new PromptCatalog(store, new FailureHistory(bootstrapServers, config));
        restarted.ensureLoaded();

        List<String> ids = restarted.page(0, 100, EVERYONE).items().stream().map(PromptView::id).toList();
        assertTrue(ids.indexOf(failed.toString()) < ids.indexOf(transcribed.toString()), "newest first: " + ids);
        assertFalse(ids.contains(deleted.toString()));

        assertEquals(Owners.digest(OWNER_TOKEN), restarted.ownerOf(transcribed), "the owner comes back from the store");
        assertTrue(restarted.find(transcribed, new Viewer(Owners.digest(OWNER_TOKEN), false)).isPresent());
        assertFalse(restarted.find(transcribed, new Viewer(Owners.digest("someone-else-someone-e"), false)).isPresent());
        StageView text = restarted.find(transcribed, EVERYONE).orElseThrow().stages().get(1);
        assertEquals(State.done, text.state());
        assertEquals("the quick brown fox", text.text());
        assertTrue(text.seconds() >= 0);
        assertNull(text.taken(), "the store keeps no timings");
        assertNull(text.engineMillis());

        PromptView failure = restarted.find(failed, EVERYONE).orElseThrow();
        assertTrue(failure.failed());
        assertEquals(State.done, failure.stages().get(0).state());
        assertEquals(State.failed, failure.stages().get(2).state());
        assertEquals("the prompt is empty", failure.stages().get(2).reason());
    }
}
