package io.megapipeline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
