package io.megapipeline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private static final PromptId ID = PromptId.of("01jd0000000000000000000000");

    @Test
    void anEventSurvivesTheRoundTrip() {
        PipelineEvent event = new PipelineEvent(ID, Artifact.TEXT_AUDIOS, "text-audios/" + ID + ".wav",
                "synthesis-audio-en", Instant.parse("2026-11-22T10:15:30.123Z"), 48_044);

        String json = EventCodec.toJson(event);

        assertEquals("{\"promptId\":\"" + ID + "\",\"artifact\":\"text-audios\",\"key\":\"text-audios/" + ID
                + ".wav\",\"producer\":\"synthesis-audio-en\",\"time\":\"2026-11-22T10:15:30.123Z\",\"size\":48044}", json);
        assertEquals(event, EventCodec.parseEvent(json));
    }

    @Test
    void aShortTextTravelsInsideItsEventAndAnAudioNever() {
        byte[] text = "Il était une fois".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PipelineEvent event = PipelineEvent.of(ID, Artifact.TEXT_TRANSLATED, "translate-text", text.length).carrying(text);

        assertEquals("Il était une fois", event.text());
        assertEquals(event, EventCodec.parseEvent(EventCodec.toJson(event)));
        assertNull(PipelineEvent.of(ID, Artifact.TEXT_AUDIOS, "x", 4).carrying(new byte[4]).text(), "audio");
        byte[] long_ = new byte[PipelineEvent.MAX_INLINE_TEXT_BYTES + 1];
        java.util.Arrays.fill(long_, (byte) 'a');
        assertNull(PipelineEvent.of(ID, Artifact.TEXT_PARAGRAPHS, "x", long_.length).carrying(long_).text(), "too long");
        byte[] notUtf8 = { 'o', 'k', (byte) 0xC3, (byte) 0x28 };
        assertNull(PipelineEvent.of(ID, Artifact.TEXT_PROMPTS, "x", 4).carrying(notUtf8).text(), "not UTF-8");
        String wrongSize = EventCodec.toJson(event).replace("\"size\":" + text.length, "\"size\":3");
        assertThrows(InvalidEventException.class, () -> EventCodec.parseEvent(wrongSize));
    }

    @Test
    void aStagesTimingsSurviveTheRoundTrip() {
        PipelineEvent event = new PipelineEvent(ID, Artifact.TEXT_PROMPTS, "text-prompts/" + ID + ".txt",
                "transcribe-audio", Instant.parse("2026-11-22T10:15:30.123Z"), 42,
                Instant.parse("2026-11-22T10:15:28.500Z"), 1_450L);

        String json = EventCodec.toJson(event);

        assertTrue(json.endsWith(",\"size\":42,\"taken\":\"2026-11-22T10:15:28.500Z\",\"engineMillis\":1450}"), json);
        PipelineEvent read = EventCodec.parseEvent(json);
        assertEquals(event, read);
        assertEquals(Instant.parse("2026-11-22T10:15:28.500Z"), read.taken());
        assertEquals(1450L, read.engineMillis());
    }

    @Test
    void aRedeliveryHasTheTimeItWasTakenButNoEngineTime() {
        PipelineEvent event = PipelineEvent.of(ID, Artifact.TEXT_PROMPTS, "transcribe-audio", 42,
                Instant.now().minusMillis(20), null);

        String json = EventCodec.toJson(event);

        assertTrue(json.contains("\"taken\":") && !json.contains("engineMillis"), json);
        assertEquals(event, EventCodec.parseEvent(json));
    }

    @Test
    void anEventWithoutTimingsIsValid() {
        String json = "{\"promptId\":\"" + ID + "\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/" + ID
                + ".txt\",\"producer\":\"transcribe-audio\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}";

        PipelineEvent event = EventCodec.parseEvent(json);

        assertNull(event.taken());
        assertNull(event.engineMillis());
        assertEquals(json, EventCodec.toJson(event), "written as before, without the timings");
        assertEquals(event, EventCodec.parseEvent(json.replace("}", ",\"taken\":null,\"engineMillis\":null}")));
    }

    @Test
    void theEventTimeIsNeverBeforeTheTimeTheInputWasTaken() {
        Instant taken = Instant.now().plusSeconds(5); // as if the clock had gone back meanwhile

        PipelineEvent event = PipelineEvent.of(ID, Artifact.TEXT_PROMPTS, "transcribe-audio", 1, taken, 3L);

        assertEquals(taken, event.time());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ",\"taken\":\"2026-01-01T00:00:01Z\"", // after the event's time
            ",\"taken\":\"yesterday\"",
            ",\"engineMillis\":5", // an engine time with no time taken
            ",\"taken\":\"2025-12-31T23:59:59Z\",\"engineMillis\":-1",
            ",\"taken\":\"2025-12-31T23:59:59Z\",\"engineMillis\":\"fast\"",
            ",\"taken\":\"2025-12-31T23:59:59Z\",\"engineMillis\":{}"
    })
    void invalidTimingsAreRefusedWithAReason(String timings) {
        String json = "{\"promptId\":\"" + ID + "\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/" + ID
                + ".txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1" + timings + "}";

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventCodec.parseEvent(json));
        assertTrue(e.getMessage().startsWith("invalid PipelineEvent"), e.getMessage());
    }

    @Test
    void aFailureEventSurvivesTheRoundTrip() {
        FailureEvent failure = FailureEvent.of(ID, "transcribe-audio", Artifact.INPUT_AUDIOS.key(ID),
                "no speech recognized", false);

        assertEquals(failure, EventCodec.parseFailure(EventCodec.toJson(failure)));
    }

    @Test
    void everyArtifactHasItsKeyScheme() {
        assertEquals("input-audios/" + ID + ".wav", Artifact.INPUT_AUDIOS.key(ID));
        assertEquals("text-prompts/" + ID + ".txt", Artifact.TEXT_PROMPTS.key(ID));
        assertEquals("text-paragraphs/" + ID + ".txt", Artifact.TEXT_PARAGRAPHS.key(ID));
        assertEquals("text-audios/" + ID + ".wav", Artifact.TEXT_AUDIOS.key(ID));
        assertEquals("text-translated/" + ID + ".txt", Artifact.TEXT_TRANSLATED.key(ID));
        assertEquals("output-audios/" + ID + ".wav", Artifact.OUTPUT_AUDIOS.key(ID));
        assertEquals(ID, Artifact.OUTPUT_AUDIOS.promptIdOf("output-audios/" + ID + ".wav"));
        assertThrows(IllegalArgumentException.class, () -> Artifact.OUTPUT_AUDIOS.promptIdOf("text-audios/" + ID + ".wav"));
        assertThrows(IllegalArgumentException.class, () -> Artifact.OUTPUT_AUDIOS.promptIdOf("output-audios/" + ID + ".txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[]",
            "{}",
            "{\"promptId\":\"../x\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/../x.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"secrets\",\"key\":\"secrets/01jd0000000000000000000000.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000001.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":-1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"producer\":\"A B\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"producer\":\"a\",\"time\":\"yesterday\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\"}",
            "{\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"producer\":\"a\",\"size\":1}",
            "{\"promptId\":\"01jd0000000000000000000000\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd0000000000000000000000.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":null}",
            "{\"promptId\":\"01jd000000000000000000000\\u0430\",\"artifact\":\"text-prompts\",\"key\":\"text-prompts/01jd000000000000000000000\\u0430.txt\",\"producer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"size\":1}"
    })
    void malformedEventsAreRefusedWithAReason(String json) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventCodec.parseEvent(json));
        assertTrue(e.getMessage().startsWith("invalid PipelineEvent") || e.getMessage().equals("empty event"), e.getMessage());
    }

    @Test
    void aFailureWithoutAReasonIsRefused() {
        String json = "{\"promptId\":\"" + ID + "\",\"stage\":\"gateway\",\"inputKey\":null,\"reason\":\" \","
                + "\"retryable\":false,\"producer\":\"gateway\",\"time\":\"2026-01-01T00:00:00Z\"}";
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventCodec.parseFailure(json));
        assertTrue(e.getMessage().contains("reason is missing"), e.getMessage());
    }
}
