package io.megapipeline.core;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pipeline's topology, declared once: each service, its local HTTP port, the artifact it consumes
 * and the one it makes. The gateway's stage list, its {@code GET /api/pipeline} (which the frontend
 * draws), the deployment checks and the launcher's service list all come from here or are tested
 * against it. Adding a stage is one line here and one {@link Artifact}.
 */
public final class Topology {

    /** A service of the pipeline; a stage is a service with an input artifact. */
    public record Service(String name, int port, Optional<Artifact> input, Artifact output) {

        public boolean isStage() {
            return input.isPresent();
        }
    }

    /** In pipeline order: every service comes after the producer of its input. */
    public static final List<Service> SERVICES = List.of(
            entry("gateway", 8080, Artifact.INPUT_AUDIOS),
            stage("transcribe-audio", 8081, Artifact.INPUT_AUDIOS, Artifact.TEXT_PROMPTS),
            stage("generate-text", 8082, Artifact.TEXT_PROMPTS, Artifact.TEXT_PARAGRAPHS),
            stage("synthesis-audio-en", 8083, Artifact.TEXT_PARAGRAPHS, Artifact.TEXT_AUDIOS),
            stage("translate-text", 8084, Artifact.TEXT_PARAGRAPHS, Artifact.TEXT_TRANSLATED),
            stage("synthesis-audio", 8085, Artifact.TEXT_TRANSLATED, Artifact.OUTPUT_AUDIOS));

    private Topology() {
    }

    public static List<Service> stages() {
        return SERVICES.stream().filter(Service::isStage).toList();
    }

    public static Optional<Service> service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The stage of that name; each stage's processor reads its channel, named like the stage, from here. */
    public static Service stage(String name) {
        return service(name).filter(Service::isStage)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a stage of the topology"));
    }

    /** The service that makes an artifact. */
    public static Service producerOf(Artifact artifact) {
        return SERVICES.stream().filter(s -> s.output() == artifact).findFirst()
                .orElseThrow(() -> new IllegalStateException("no service makes " + artifact));
    }

    /** The stages that consume an artifact, in pipeline order. */
    public static List<Service> consumersOf(Artifact artifact) {
        return SERVICES.stream().filter(s -> s.input().equals(Optional.of(artifact))).toList();
    }

    /** The topics of the pipeline: every artifact's, then the failures' and the deletions'. */
    public static List<String> topics() {
        return Stream.concat(SERVICES.stream().map(s -> s.output().topic()),
                Stream.of(Artifact.FAILURES_TOPIC, DeletionEvent.TOPIC)).toList();
    }

    private static Service entry(String name, int port, Artifact output) {
        return new Service(name, port, Optional.empty(), output);
    }

    private static Service stage(String name, int port, Artifact input, Artifact output) {
        return new Service(name, port, Optional.of(input), output);
    }
}
