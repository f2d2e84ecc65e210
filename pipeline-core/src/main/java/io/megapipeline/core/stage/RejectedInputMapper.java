package io.megapipeline.core.stage;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refused input on a direct endpoint: 400, 413 or 415 with a problem body that says why. */
public class RejectedInputMapper {

    @ServerExceptionMapper
    public Response refused(RejectedInputException e) {
        return Problem.of(e.kind().httpStatus, e.getMessage()).response();
    }
}
