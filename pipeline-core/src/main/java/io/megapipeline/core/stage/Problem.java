package io.megapipeline.core.stage;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem answer: the status, its reason phrase as the title, and the detail a person reads
 * (in the UI, or with curl). Every refusal of the HTTP endpoints is one.
 */
public record Problem(int status, String title, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return new Problem(status, known == null ? "Error" : known.getReasonPhrase(), detail);
    }

    /** As the answer of a resource or an exception mapper. */
    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /**
     * As the answer of a route handler that refuses a request before its body is read: the connection
     * closes, so the body is never read.
     */
    public void send(RoutingContext ctx) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .putHeader("Connection", "close").end(Json.encode(this));
    }
}
