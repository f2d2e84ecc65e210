package io.megapipeline.gateway;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.Topology;

/** The pipeline's topology, for clients that draw it (the frontend's columns come from here). */
@Path("/api/pipeline")
@Tag(name = "pipeline")
public class PipelineResource {

    /** A service: its name, its local port, the artifact it consumes (none for the gateway) and the one it makes. */
    public record ServiceView(String name, int port, String input, String output) {
    }

    /** An artifact in pipeline order: its name (folder and topic), its title, whether it is audio, who makes and reads it. */
    public record ArtifactView(String name, String title, boolean audio, String producer, List<String> consumers) {
    }

    public record PipelineView(List<ServiceView> services, List<ArtifactView> artifacts, String failuresTopic) {
    }

    private static final PipelineView PIPELINE = new PipelineView(
            Topology.SERVICES.stream().map(s -> new ServiceView(s.name(), s.port(),
                    s.input().map(Artifact::artifactName).orElse(null), s.output().artifactName())).toList(),
            Topology.SERVICES.stream().map(Topology.Service::output).map(a -> new ArtifactView(a.artifactName(), a.title(), a.isAudio(),
                    Topology.producerOf(a).name(), Topology.consumersOf(a).stream().map(Topology.Service::name).toList()))
                    .toList(),
            Artifact.FAILURES_TOPIC);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The services and artifacts of the pipeline, in pipeline order")
    public PipelineView pipeline() {
        return PIPELINE;
    }
}
