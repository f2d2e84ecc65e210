package io.megapipeline.gateway;

/**
 * Where the gateway's own Vert.x route handlers match and in what order they run (lower first). Those
 * that refuse a request do it before its body is read, so they come before Quarkus's body-size limit
 * (order -2) and the REST resources (10000).
 */
final class GatewayRoutes {

    /**
     * The upload path and anything after it: RESTEasy routes {@code /api/prompts;x=1} to the upload too,
     * so a check on the exact path could be walked around. No other POST exists there.
     */
    static final String UPLOADS = "/api/prompts*";

    /** First of all, on every path: who asks, and a new browser's owner cookie, even on a refusal. */
    static final int OWNER = -400;
    /** Then, on every API path: a '.' segment would be normalized into another resource, so nothing else may see it. */
    static final int DOT_SEGMENTS = -300;
    /** Then the upload rate limit, so that uploads refused afterwards (too large, not a WAV) count against it too. */
    static final int UPLOAD_RATE_LIMIT = -200;
    /** Then an upload's declared size, refused with the gateway's reason rather than Quarkus's bare 413. */
    static final int UPLOAD_SIZE = -100;
    /** Then the uploads in progress across all clients: only an upload whose body will be read takes a place. */
    static final int UPLOADS_IN_PROGRESS = -50;
    /** Last, after every resource and static file: an API path that nothing answered. */
    static final int UNKNOWN_API_PATH = Integer.MAX_VALUE;

    private GatewayRoutes() {
    }
}
