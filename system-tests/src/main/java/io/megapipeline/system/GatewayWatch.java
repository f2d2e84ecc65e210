package io.megapipeline.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * How long the gateway did not answer ready while something was tried: its {@code /q/health/ready}, asked every
 * quarter of a second from a thread of its own until {@link #close()}.
 */
final class GatewayWatch implements AutoCloseable {

    private static final long EVERY_MILLIS = 250;

    private final URI ready;
    private final Thread thread;
    private volatile long downNanos;

    private GatewayWatch(URI gateway) {
        this.ready = gateway.resolve("/q/health/ready");
        this.thread = new Thread(this::watch, "gateway-watch");
        thread.setDaemon(true);
    }

    static GatewayWatch start(URI gateway) {
        GatewayWatch watch = new GatewayWatch(gateway);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        long last = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            boolean up = isReady();
            long now = System.nanoTime();
            if (!up) {
                downNanos += now - last;
            }
            last = now;
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean isReady() {
        try {
            return GatewayClient.sendToService(HttpRequest.newBuilder(ready).GET(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Seconds the gateway was not ready since the start. */
    double downSeconds() {
        return downNanos / 1e9;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
