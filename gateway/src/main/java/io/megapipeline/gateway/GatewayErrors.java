package io.megapipeline.gateway;

import java.io.IOException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

import io.megapipeline.core.stage.EventPublisher.PublishFailedException;
import io.megapipeline.core.stage.Problem;
import io.megapipeline.core.store.StoreUnavailableException;
import io.vertx.ext.web.Router;

/**
 * The gateway's error mapping: problem answers for the exceptions the core mapper does not cover, and for
 * requests refused before they reach a resource (bodies too large to read, dot segments, unknown paths).
 */
@ApplicationScoped
public class GatewayErrors {

    private final GatewayConfig config;

    GatewayErrors(GatewayConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        return Problem.of(415, (type == null ? "the request has no Content-Type" : "Content-Type '" + type
                + "' is not accepted") + ": send the WAV as audio/wav, or as the field 'file' of a multipart/form-data form")
                .response();
    }

    /** A multipart body the parser cannot make sense of. */
    @ServerExceptionMapper
    public Response malformed(MultipartParser.MalformedMessageException e) {
        return Problem.of(400, "the multipart/form-data body is malformed").response();
    }

    /**
     * The request body could not be read: it ended before the multipart form did (or its boundary is not
     * the declared one), or the client went away. The resources themselves throw no IOException.
     */
    @ServerExceptionMapper
    public Response unreadable(IOException e) {
        return Problem.of(400, "the request body could not be read: " + e.getMessage()).response();
    }

    @ServerExceptionMapper
    public Response unavailable(StoreUnavailableException e) {
        return Problem.of(503, e.getMessage()).response();
    }

    @ServerExceptionMapper
    public Response unavailable(PublishFailedException e) {
        return Problem.of(503, e.getMessage()).response();
    }

    /**
     * An upload that declares more bytes than the limit gets its 413 problem before the body is read.
     * (A chunked body past quarkus.http.limits.max-body-size is cut off by Quarkus itself.)
     */
    void refuseOversizedUploads(@Observes Router router) {
        long limit = config.upload().maxSize().asLongValue();
        router.post(GatewayRoutes.UPLOADS).order(GatewayRoutes.UPLOAD_SIZE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length = declared == null ? -1 : parseOrMinusOne(declared);
            if (length <= limit) {
                ctx.next();
                return;
            }
            Problem.of(413, Uploads.tooLarge(length, limit)).send(ctx);
        });
    }

    /**
     * Prompt ids and artifact names never contain dots, so a '.' or '..' segment in an API path (also
     * percent-encoded) is refused before the path is normalized into another resource.
     */
    void refuseDotSegments(@Observes Router router) {
        router.route("/api/*").order(GatewayRoutes.DOT_SEGMENTS).handler(ctx -> {
            for (String segment : ctx.request().path().split("/")) {
                String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
                if (decoded.equals(".") || decoded.equals("..")) {
                    Problem.of(400, "the path has a '" + decoded + "' segment: prompt ids and artifact names have no dots")
                            .send(ctx);
                    return;
                }
            }
            ctx.next();
        });
    }

    /** An API path that no resource has: a problem answer too, not Quarkus's page for unknown paths. */
    void unknownApiPaths(@Observes Router router) {
        router.route("/api/*").order(GatewayRoutes.UNKNOWN_API_PATH)
                .handler(ctx -> Problem.of(404, "no API resource at this path").send(ctx));
    }

    private static long parseOrMinusOne(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
