package io.megapipeline.core.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3Server;
import io.megapipeline.testing.S3TestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The processing skeleton through a real Kafka broker and a real S3 server. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class StageRunnerTest {

    @Inject
    ObjectStore store;

    @Inject
    UppercaseProcessor processor;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    StageTestHarness stage;

    @BeforeEach
    void connect() {
        stage = new StageTestHarness(store, bootstrapServers);
    }

    @AfterEach
    void close() {
        stage.close();
    }

    private PromptId submit(String text) {
        return stage.submit(Artifact.TEXT_PROMPTS, "test", text.getBytes(StandardCharsets.UTF_8));
    }

    private void announce(PromptId id, long size) {
        stage.announce(id, Artifact.TEXT_PROMPTS, "test", size);
    }

    private PipelineEvent awaitOutput(PromptId id) {
        return stage.awaitOutput(Artifact.TEXT_PARAGRAPHS, id);
    }

    @Test
    void aShortTextTravelsInsideItsEventAndIsNotReadFromTheStore() {
        // Announced with its text and never stored: the stage works from the event alone.
        PromptId id = PromptId.generate();
        byte[] text = "the text inside the event".getBytes(StandardCharsets.UTF_8);
        stage.send(Artifact.TEXT_PROMPTS, id, EventCodec.toJson(
                PipelineEvent.of(id, Artifact.TEXT_PROMPTS, "test", text.length).carrying(text)));

        PipelineEvent out = awaitOutput(id);

        assertEquals("THE TEXT INSIDE THE EVENT", out.text(), "the output's text is inside its event too");
        assertEquals("THE TEXT INSIDE THE EVENT", stage.text(out.key()), "and in the store");
        assertFalse(store.exists(Artifact.TEXT_PROMPTS.key(id)), "the input was never stored, so never read");
    }

    @Test
    void anEventInGivesTheOutputObjectAndTheNextEvent() {
        PromptId id = submit("once upon a time");

        PipelineEvent out = awaitOutput(id);

        assertEquals(Artifact.TEXT_PARAGRAPHS, out.artifact());
        assertEquals("text-paragraphs/" + id + ".txt", out.key());
        assertEquals("uppercase-stage", out.producer());
        assertEquals("ONCE UPON A TIME", stage.text(out.key()));
        assertEquals(16, out.size());
    }

    @Test
    void everyStepOfAPromptIsTimed() {
        awaitOutput(submit("timed"));

        // The timers recorded before the output event is sent (publishing's own is recorded once the broker acks).
        for (String timer : List.of("pipeline.stage.event.lag", "pipeline.stage.engine.duration")) {
            assertTrue(registry.get(timer).tag("stage", "uppercase-stage").timer().count() >= 1, timer);
        }
        for (String operation : List.of("stat", "read", "write")) {
            assertTrue(registry.get("pipeline.stage.store.duration").tag("operation", operation).timer().count() >= 1,
                    operation);
        }
    }

    @Test
    void theOutputEventSaysWhenTheInputWasTakenAndHowLongTheEngineRan() {
        PromptId id = PromptId.generate();
        byte[] text = (UppercaseProcessor.SLOW + " and steady").getBytes(StandardCharsets.UTF_8);
        store.put(Artifact.TEXT_PROMPTS.key(id), text, "text/plain");
        PipelineEvent in = stage.announce(id, Artifact.TEXT_PROMPTS, "test", text.length);

        PipelineEvent out = awaitOutput(id);

        assertNotNull(out.taken(), "when the input was taken");
        assertFalse(out.taken().isBefore(in.time()), "taken " + out.taken() + " after the input's event " + in.time());
        assertFalse(out.taken().isAfter(out.time()), "taken " + out.taken() + " before the output's event " + out.time());
        assertNotNull(out.engineMillis(), "the engine ran");
        assertTrue(out.engineMillis() >= UppercaseProcessor.SLOW_MILLIS, "the engine's " + out.engineMillis() + " ms");
        assertTrue(out.engineMillis() <= Duration.between(out.taken(), out.time()).toMillis(),
                "the engine ran between taking the input and announcing the output: " + out);
    }

    @Test
    void aBusyEngineIsTriedAgainLikeATransientFault() {
        PromptId id = submit(UppercaseProcessor.BUSY + " for a while");

        assertEquals("BUSY FOR A WHILE", stage.text(awaitOutput(id).key()));
        assertEquals(3, processor.engineCalls(id), "two busy tries, then the work");
        assertEquals(List.of(), stage.failuresWithin(id, Duration.ofMillis(200)));
    }

    @Test
    void aDeletedPromptGetsNothingMoreMade() throws Exception {
        PromptId id = PromptId.generate();
        store.put(DeletionEvent.markerKey(id), new byte[0], "application/octet-stream");
        double before = deletedCount();

        stage.submit(id, Artifact.TEXT_PROMPTS, "test", "deleted meanwhile".getBytes(StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(StageTestHarness.WAIT);
        while (deletedCount() == before && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }

        assertEquals(before + 1, deletedCount(), "counted as deleted");
        assertEquals(0, processor.engineCalls(id), "the engine did not run");
        assertFalse(store.exists(Artifact.TEXT_PARAGRAPHS.key(id)), "no output");
        assertEquals(List.of(), stage.failuresWithin(id, Duration.ofMillis(500)), "and no failure");
    }

    private double deletedCount() {
        return registry.get("pipeline.stage.processed").tag("outcome", "deleted").counter().count();
    }

    @Test
    void theSameEventTwiceIsComputedOnce() {
        PromptId id = submit("twice told");
        awaitOutput(id);

        announce(id, 10); // a redelivery, as after a crash before the commit
        List<PipelineEvent> outputs = stage.awaitOutputs(Artifact.TEXT_PARAGRAPHS, id, 2);

        assertEquals(2, outputs.size(), "the output is announced again");
        assertNotNull(outputs.get(0).engineMillis(), "the first time the engine ran");
        assertNotNull(outputs.get(1).taken(), "the redelivery was taken");
        assertNull(outputs.get(1).engineMillis(), "and ran no engine");
        assertEquals(1, processor.engineCalls(id), "the engine ran once");
        assertEquals(1, store.list("text-paragraphs/" + id).size());
        assertEquals("TWICE TOLD", stage.text(Artifact.TEXT_PARAGRAPHS.key(id)));
    }

    @Test
    void aMissingOrMalformedInputFailsThePromptAndTheStageGoesOn() {
        PromptId missing = PromptId.generate();
        announce(missing, 5); // no object behind the event
        PromptId malformed = PromptId.generate();
        store.put(Artifact.TEXT_PROMPTS.key(malformed), new byte[] { 'o', 'k', (byte) 0xC3, (byte) 0x28 }, "text/plain");
        announce(malformed, 4);
        PromptId fine = submit("still working");

        FailureEvent noInput = stage.awaitFailure(missing);
        FailureEvent badText = stage.awaitFailure(malformed);

        assertEquals("the input text-prompts/" + missing + ".txt is not in the object store", noInput.reason());
        assertFalse(noInput.retryable());
        assertEquals("uppercase-stage", noInput.stage());
        assertEquals("text is not valid UTF-8", badText.reason());
        assertEquals("text-prompts/" + malformed + ".txt", badText.inputKey());
        assertEquals("STILL WORKING", stage.text(awaitOutput(fine).key()));
        assertFalse(store.exists(Artifact.TEXT_PARAGRAPHS.key(missing)));
        assertFalse(store.exists(Artifact.TEXT_PARAGRAPHS.key(malformed)));
    }

    @Test
    void anInputOverTheSizeLimitFailsThePromptUnread() {
        PromptId large = submit("a".repeat(1536 * 1024)); // 1.5 MB; the test limit is 1 MB

        FailureEvent failure = stage.awaitFailure(large);

        assertEquals("the input text-prompts/" + large + ".txt is 1.5 MB; uppercase-stage reads at most 1.0 MB",
                failure.reason());
        assertFalse(failure.retryable());
        assertEquals(0, processor.engineCalls(large), "the engine never saw it");
        assertFalse(store.exists(Artifact.TEXT_PARAGRAPHS.key(large)));
    }

    @Test
    void anInvalidEventFailsItsPromptWithTheReason() {
        PromptId id = PromptId.generate();
        stage.send(Artifact.TEXT_PROMPTS, id,
                "{\"promptId\":\"" + id + "\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/../secret.txt\","
                        + "\"producer\":\"test\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}");

        FailureEvent failure = stage.awaitFailure(id);

        assertTrue(failure.reason().contains("is not text-prompts/" + id + ".txt"), failure.reason());
    }

    @Test
    void aStoreOutageIsRetriedAndNothingIsLost() throws Exception {
        S3Server s3 = S3TestResource.server();
        PromptId id = PromptId.generate();
        store.put(Artifact.TEXT_PROMPTS.key(id), "after the outage".getBytes(StandardCharsets.UTF_8), "text/plain");

        s3.stop();
        try {
            announce(id, 16);
            Thread.sleep(3000); // the stage fails to reach the store and retries meanwhile
        } finally {
            s3.start();
        }

        assertEquals("AFTER THE OUTAGE", stage.text(awaitOutput(id).key()));
        assertEquals(0, stage.failuresWithin(id, Duration.ofSeconds(1)).size());
    }
}
