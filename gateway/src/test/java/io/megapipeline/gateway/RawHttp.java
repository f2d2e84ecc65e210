package io.megapipeline.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests exactly as a hostile client writes them: any Content-Type, chunked bodies, and raw bytes on
 * a socket for what an HTTP client library refuses to send (a NUL in the path, a lying Content-Length).
 */
final class RawHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The admin token of the tests' class mode (application.properties), as a delete sends it. */
    static final String ADMIN = "Bearer test-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came back: the status, the Content-Type, the body; {@link #detail} of a problem body. */
    record Answer(int status, String contentType, String body, Optional<String> retryAfter) {

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        String detail() {
            try {
                JsonNode detail = JSON.readTree(body).path("detail");
                return detail.isTextual() ? detail.asText() : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    RawHttp(URI base) {
        this.base = base;
    }

    Answer send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request, contentType, headers);
    }

    /** A body sent with Transfer-Encoding: chunked, so the server cannot know its size up front. */
    Answer sendChunked(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return send(request, contentType);
    }

    private Answer send(HttpRequest.Builder request, String contentType, String... headers) {
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request head written byte for byte (ISO-8859-1), then the body; the whole answer is read. */
    Answer sendRaw(String head, byte[] body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                socket.getOutputStream().write(body);
            }
            socket.getOutputStream().flush();
            String answer = readAnswer(socket.getInputStream());
            int headEnd = answer.indexOf("\r\n\r\n");
            String responseHead = headEnd < 0 ? answer : answer.substring(0, headEnd);
            return new Answer(Integer.parseInt(answer.substring(9, 12)), header(responseHead, "Content-Type"),
                    headEnd < 0 ? "" : answer.substring(headEnd + 4), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes the connection or stops sending for a moment. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0;) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (isComplete(text.toString())) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // the server may reset the connection after answering a request it will not read
        }
        return text.toString();
    }

    private static boolean isComplete(String answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String length = header(answer.substring(0, headEnd), "Content-Length");
        return !length.isEmpty() && answer.length() - headEnd - 4 >= Integer.parseInt(length.trim());
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }
}
