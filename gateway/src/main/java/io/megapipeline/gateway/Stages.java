package io.megapipeline.gateway;

import java.util.Map;
import java.util.Optional;

import io.megapipeline.core.Artifact;

/** Which service makes each artifact, and from which input (ARCHITECTURE.md). */
final class Stages {

    private static final Map<Artifact, String> PRODUCER = Map.of(
            Artifact.INPUT_AUDIOS, "gateway",
            Artifact.TEXT_PROMPTS, "transcribe-audio",
            Artifact.TEXT_PARAGRAPHS, "generate-text",
            Artifact.TEXT_AUDIOS, "synthesis-audio-en",
            Artifact.TEXT_TRANSLATED, "translate-text",
            Artifact.OUTPUT_AUDIOS, "synthesis-audio");

    private static final Map<Artifact, Artifact> INPUT = Map.of(
            Artifact.TEXT_PROMPTS, Artifact.INPUT_AUDIOS,
            Artifact.TEXT_PARAGRAPHS, Artifact.TEXT_PROMPTS,
            Artifact.TEXT_AUDIOS, Artifact.TEXT_PARAGRAPHS,
            Artifact.TEXT_TRANSLATED, Artifact.TEXT_PARAGRAPHS,
            Artifact.OUTPUT_AUDIOS, Artifact.TEXT_TRANSLATED);

    private Stages() {
    }

    static String producer(Artifact artifact) {
        return PRODUCER.get(artifact);
    }

    /** The artifact a stage's work starts from; none for the uploaded audio. */
    static Optional<Artifact> input(Artifact artifact) {
        return Optional.ofNullable(INPUT.get(artifact));
    }

    /** The artifact that the named stage makes, if it is one of the pipeline's stages. */
    static Optional<Artifact> outputOf(String stage) {
        return PRODUCER.entrySet().stream().filter(e -> e.getValue().equals(stage)).map(Map.Entry::getKey).findFirst();
    }
}
