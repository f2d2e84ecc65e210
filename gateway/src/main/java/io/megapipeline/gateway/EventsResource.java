package io.megapipeline.gateway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;

/** Pipeline progress as Server-Sent Events: one JSON message per event, comments to keep the line open. */
@Path("/api/events")
@Tag(name = "events")
public class EventsResource {

    private final Progress progress;
    private final GatewayConfig config;

    EventsResource(Progress progress, GatewayConfig config) {
        this.progress = progress;
        this.config = config;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Every pipeline event of the viewer's prompts from now on (artifact, failure, deleted)")
    public Multi<OutboundSseEvent> events(@Context Sse sse, RoutingContext ctx) {
        Multi<OutboundSseEvent> events = progress.stream(Owners.viewer(ctx))
                .map(json -> sse.newEventBuilder().data(json).mediaType(MediaType.TEXT_PLAIN_TYPE).build());
        // a first comment at once, so clients see the stream open before any event
        Multi<OutboundSseEvent> opened = Multi.createFrom().item(() -> sse.newEventBuilder().comment("connected").build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(config.sse().keepAlive())
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(events, opened, keepAlive);
    }
}
