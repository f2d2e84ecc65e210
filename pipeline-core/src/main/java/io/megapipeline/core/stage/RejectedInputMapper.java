package io.megapipeline.core.stage;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refused input on a direct endpoint: 400, 413 or 415 with a problem body that says why; an engine with no
 * free slot: 503 with Retry-After.
 */
public class RejectedInputMapper {

    @ServerExceptionMapper
    public Response refused(RejectedInputException e) {
        return Problem.of(e.kind().httpStatus, e.getMessage()).response();
    }

    @ServerExceptionMapper
    public Response busy(EngineBusyException e) {
        return Response.fromResponse(Problem.of(503, e.getMessage()).response()).header("Retry-After", "1").build();
    }
}
