package io.megapipeline.gateway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The services panel's figures: each service's readiness, replicas, prompts in flight and input lag. */
@Path("/api/services")
@Tag(name = "pipeline")
public class ServicesResource {

    private final ServiceStatus status;

    ServicesResource(ServiceStatus status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Each service's readiness, consumer-group members, prompts in flight and input lag, "
            + "in pipeline order (at most gateway.status.cache old)")
    public ServiceStatus.ServicesView services() {
        return status.current();
    }
}
