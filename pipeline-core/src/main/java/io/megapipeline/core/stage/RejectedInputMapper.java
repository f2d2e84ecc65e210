package io.megapipeline.core.stage;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refused input on a direct endpoint: 400, 413 or 415 with a problem body that says why. */
public class RejectedInputMapper {

    @ServerExceptionMapper
    public Response refused(RejectedInputException e) {
        return problem(e.kind().httpStatus, e.getMessage());
    }

    /** An RFC 9457 problem document. */
    public static Response problem(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return Response.status(status)
                .type("application/problem+json")
                .entity(Map.of("status", status, "title", known == null ? "Error" : known.getReasonPhrase(),
                        "detail", detail))
                .build();
    }
}
