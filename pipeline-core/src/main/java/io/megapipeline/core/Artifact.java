package io.megapipeline.core;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The artifacts of ARCHITECTURE.md; which service makes and consumes each is {@link Topology}'s. One name serves as the object-store folder, the Kafka topic
 * and the stage output: {@code text-prompts/{id}.txt} is announced on topic {@code text-prompts}.
 */
public enum Artifact {
    INPUT_AUDIOS("input-audios", "Audio prompt", "wav", "audio/wav"),
    TEXT_PROMPTS("text-prompts", "Transcribed text", "txt", "text/plain; charset=utf-8"),
    TEXT_PARAGRAPHS("text-paragraphs", "Generated text", "txt", "text/plain; charset=utf-8"),
    TEXT_AUDIOS("text-audios", "English audio", "wav", "audio/wav"),
    TEXT_TRANSLATED("text-translated", "French text", "txt", "text/plain; charset=utf-8"),
    OUTPUT_AUDIOS("output-audios", "French audio", "wav", "audio/wav");

    /** The topic of failure events; it has no objects. */
    public static final String FAILURES_TOPIC = "pipeline-failures";

    private static final Pattern KEY = Pattern.compile("([a-z-]+)/(" + PromptId.PATTERN + ")\\.(wav|txt)");

    private final String artifactName;
    private final String title;
    private final String extension;
    private final String contentType;

    Artifact(String artifactName, String title, String extension, String contentType) {
        this.artifactName = artifactName;
        this.title = title;
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The artifact's name, e.g. {@code text-prompts}. */
    @JsonValue
    public String artifactName() {
        return artifactName;
    }

    /** What a person calls it, e.g. {@code Transcribed text}: the frontend's column heading. */
    public String title() {
        return title;
    }

    public String topic() {
        return artifactName;
    }

    public String prefix() {
        return artifactName + "/";
    }

    public String contentType() {
        return contentType;
    }

    public boolean isAudio() {
        return extension.equals("wav");
    }

    /** The object key of this artifact for a prompt, e.g. {@code text-prompts/{id}.txt}. */
    public String key(PromptId id) {
        return artifactName + "/" + id + "." + extension;
    }

    @JsonCreator
    public static Artifact fromName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown artifact '" + name + "'"));
    }

    public static Optional<Artifact> find(String name) {
        return Arrays.stream(values()).filter(a -> a.artifactName.equals(name)).findFirst();
    }

    /** The prompt id of a key of this artifact; refuses any other key. */
    public PromptId promptIdOf(String key) {
        Matcher m = key == null ? null : KEY.matcher(key);
        if (m == null || !m.matches() || !m.group(1).equals(artifactName) || !m.group(3).equals(extension)) {
            throw new IllegalArgumentException("'" + key + "' is not a key of " + artifactName);
        }
        return PromptId.of(m.group(2));
    }

    @Override
    public String toString() {
        return artifactName;
    }
}
