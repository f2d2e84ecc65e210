package io.megapipeline.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.megapipeline.core.Topology;

/**
 * The gateway's HTTP API as the tools and the end-to-end tests use it. Each client is one browser: it keeps
 * the gateway's owner cookie, so it sees the prompts it uploaded.
 */
public final class GatewayClient {

    /** Every artifact of a prompt, in pipeline order. */
    public static final String[] ARTIFACTS = Topology.SERVICES.stream().map(s -> s.output().artifactName())
            .toArray(String[]::new);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Duration RATE_LIMITED_FOR_AT_MOST = Duration.ofMinutes(1);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager()).build();

    public GatewayClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /**
     * Uploads a WAV and returns the new prompt's id. When the gateway's rate limit answers 429, waits as
     * its Retry-After says and tries again (a minute at most), as a well-behaved client does.
     */
    public String upload(byte[] wav) throws IOException {
        Instant deadline = Instant.now().plus(RATE_LIMITED_FOR_AT_MOST);
        HttpResponse<String> response;
        while (true) {
            response = send(HttpRequest.newBuilder(base.resolve("api/prompts"))
                    .header("Content-Type", "audio/wav")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(wav)), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429 || Instant.now().isAfter(deadline)) {
                break;
            }
            sleep(Duration.ofSeconds(response.headers().firstValueAsLong("Retry-After").orElse(1)));
        }
        if (response.statusCode() != 201) {
            throw new IOException("upload refused (" + response.statusCode() + "): " + reason(response.body()));
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** Deletes a prompt (in class mode with the admin token, or null); returns the HTTP status. */
    public int delete(String id, String adminToken) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/prompts/" + id)).DELETE();
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        return send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The HTTP status of one prompt: 200 while it is listed, 404 once it is gone. */
    public int status(String id) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve("api/prompts/" + id)).GET(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** The prompt with every stage's state. */
    public JsonNode prompt(String id) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("api/prompts/" + id)).GET(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("prompt " + id + ": " + response.statusCode() + " " + reason(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** A page of prompts, newest first, each with every stage's state. */
    public JsonNode prompts(int page, int size) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("api/prompts?page=" + page + "&size=" + size))
                .GET(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("prompts: " + response.statusCode() + " " + reason(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** Every listed prompt, newest first, page after page: the list the browser shows. */
    public List<JsonNode> prompts() throws IOException {
        List<JsonNode> prompts = new ArrayList<>();
        for (int page = 0;; page++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("api/prompts?size=100&page=" + page))
                    .GET(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("prompt list: " + response.statusCode() + " " + reason(response.body()));
            }
            JsonNode items = JSON.readTree(response.body()).path("items");
            items.forEach(prompts::add);
            if (items.size() < 100) {
                return prompts;
            }
        }
    }

    /** One audio artifact of a prompt (input-audios, text-audios or output-audios). */
    public byte[] audio(String id, String artifact) throws IOException {
        HttpResponse<byte[]> response = send(
                HttpRequest.newBuilder(base.resolve("api/prompts/" + id + "/audio/" + artifact)).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(artifact + " of " + id + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    /**
     * Follows a prompt until every artifact exists or a stage fails, calling {@code onStage} once per
     * stage as it finishes (done or failed). Returns the final prompt.
     */
    public JsonNode await(String id, Duration timeout, Consumer<JsonNode> onStage) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        Set<String> reported = new HashSet<>();
        while (true) {
            JsonNode prompt = prompt(id);
            int done = 0;
            for (JsonNode stage : prompt.path("stages")) {
                String state = stage.path("state").asText();
                if (!state.equals("pending") && reported.add(stage.path("artifact").asText())) {
                    onStage.accept(stage);
                }
                done += state.equals("done") ? 1 : 0;
            }
            if (done == ARTIFACTS.length || prompt.path("failed").asBoolean()) {
                return prompt;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("prompt " + id + " not complete after " + timeout.toSeconds() + " s");
            }
            sleep(POLL);
        }
    }

    /** The stage entry of one artifact in a prompt. */
    public static JsonNode stage(JsonNode prompt, String artifact) {
        for (JsonNode stage : prompt.path("stages")) {
            if (stage.path("artifact").asText().equals(artifact)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("no stage " + artifact + " in " + prompt);
    }

    /** Sends a request as this browser, with its cookie. */
    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws IOException {
        return send(http, request, body);
    }

    /** Sends a request to a stage service, with the tools' HTTP client for them (see {@link ServiceClient}). */
    static <T> HttpResponse<T> sendToService(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException {
        return send(HTTP, request, body);
    }

    private static <T> HttpResponse<T> send(HttpClient client, HttpRequest.Builder request,
            HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String reason(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.hasNonNull("detail") ? problem.get("detail").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
