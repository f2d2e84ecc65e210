package io.megapipeline.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.megapipeline.core.stage.EventPublisher.PublishFailedException;
import io.megapipeline.core.stage.RejectedInputMapper;
import io.megapipeline.core.store.StoreUnavailableException;
import io.vertx.ext.web.Router;

/** Problem answers for what the core mapper does not cover, including bodies too large to read. */
@ApplicationScoped
public class GatewayErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig config;

    GatewayErrors(GatewayConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpHeaders headers) {
        return RejectedInputMapper.problem(415, "Content-Type '" + headers.getMediaType()
                + "' is not accepted: send the WAV as audio/wav, or as the field 'file' of a multipart/form-data form");
    }

    @ServerExceptionMapper
    public Response unavailable(StoreUnavailableException e) {
        return RejectedInputMapper.problem(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(PublishFailedException e) {
        return RejectedInputMapper.problem(503, e.getMessage());
    }

    /**
     * An upload that declares more bytes than the limit gets its 413 problem before the body is read.
     * (A chunked body past quarkus.http.limits.max-body-size is cut off by Quarkus itself.)
     */
    void refuseOversizedUploads(@Observes Router router) {
        long limit = config.upload().maxSize().asLongValue();
        router.post("/api/prompts").order(-100).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length = declared == null ? -1 : parseOrMinusOne(declared);
            if (length <= limit) {
                ctx.next();
                return;
            }
            String body = JSON.createObjectNode().put("status", 413).put("title", "Request Entity Too Large")
                    .put("detail", Uploads.tooLarge(length, limit)).toString();
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader("Connection", "close").end(body);
        });
    }

    private static long parseOrMinusOne(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
