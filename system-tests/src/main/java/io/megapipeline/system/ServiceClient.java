package io.megapipeline.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One service of a running stack, by its port: its direct HTTP endpoint and its Prometheus metrics. */
final class ServiceClient {

    final String name;
    private final URI base;

    ServiceClient(String name, URI base) {
        this.name = name;
        this.base = base;
    }

    /** POSTs a body to the service's direct endpoint and returns the answer's body (HTTP 200 only). */
    byte[] post(String path, String contentType, byte[] body) throws IOException {
        HttpResponse<byte[]> response = GatewayClient.sendToService(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType).header("Accept", "text/plain, audio/wav")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(name + " " + path + ": HTTP " + response.statusCode() + " "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** One scrape of {@code /q/metrics}. */
    Metrics metrics() throws IOException {
        HttpResponse<String> response = GatewayClient.sendToService(HttpRequest.newBuilder(base.resolve("/q/metrics")),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(name + " /q/metrics: HTTP " + response.statusCode());
        }
        return Metrics.parse(response.body());
    }
}
