package io.megapipeline.core;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON of events: written compactly, read strictly (every field validated). */
public final class EventCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer producers may add fields
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    /** An artifact event may lack its optional fields (the timings); its other fields are marked required. */
    private static final ObjectReader PIPELINE_EVENT = JSON.readerFor(PipelineEvent.class)
            .without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private EventCodec() {
    }

    public static String toJson(PipelineEvent event) {
        return write(event);
    }

    public static String toJson(FailureEvent event) {
        return write(event);
    }

    public static String toJson(DeletionEvent event) {
        return write(event);
    }

    public static DeletionEvent parseDeletion(String json) {
        return read(json, JSON.readerFor(DeletionEvent.class), DeletionEvent.class);
    }

    public static PipelineEvent parseEvent(String json) {
        return read(json, PIPELINE_EVENT, PipelineEvent.class);
    }

    public static FailureEvent parseFailure(String json) {
        return read(json, JSON.readerFor(FailureEvent.class), FailureEvent.class);
    }

    /** The prompt id of a record that is not a valid event, if it names a valid one. */
    public static Optional<PromptId> salvagePromptId(String json) {
        try {
            JsonNode id = JSON.readTree(json).get("promptId");
            return id != null && PromptId.isValid(id.asText()) ? Optional.of(PromptId.of(id.asText())) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String write(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, ObjectReader reader, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty event", null);
        }
        try {
            return reader.readValue(json);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidEventException("invalid " + type.getSimpleName() + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("invalid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
