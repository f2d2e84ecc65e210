package io.megapipeline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;

import io.megapipeline.gateway.RawHttp.Answer;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The cap on uploads in progress across all clients, at 2: two uploads whose bodies never finish hold
 * both places, a third gets 503 with Retry-After before its body is read, and a place comes back when an
 * upload's connection is cut off.
 */
@QuarkusTest
@TestProfile(UploadsInProgressTest.TwoAtOnce.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class UploadsInProgressTest {

    public static class TwoAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upload.max-in-progress", "2");
        }
    }

    @TestHTTPResource("/")
    URI base;

    /** An upload that declares a megabyte and sends a kilobyte of it, then waits. */
    private Socket stalledUpload() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.getOutputStream().write(("POST /api/prompts HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\n"
                + "Content-Length: 1048576\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(new byte[1024]);
        socket.getOutputStream().flush();
        return socket;
    }

    private int inProgress() {
        String metrics = new RawHttp(base).send("GET", "/q/metrics", null, null).body();
        return metrics.lines().filter(l -> l.startsWith("gateway_uploads_in_progress"))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static void await(IntSupplier value, int expected) throws InterruptedException {
        for (int i = 0; i < 100 && value.getAsInt() != expected; i++) {
            Thread.sleep(50);
        }
        assertEquals(expected, value.getAsInt());
    }

    @Test
    void pastTheCapAnUploadWaitsItsTurnAndACutOffUploadGivesItsPlaceBack() throws Exception {
        try (Socket first = stalledUpload(); Socket second = stalledUpload()) {
            await(this::inProgress, 2);

            Answer busy = new RawHttp(base).send("POST", "/api/prompts", "audio/wav", Clips.speech());

            assertEquals(503, busy.status());
            assertTrue(busy.isProblem());
            assertEquals("the gateway is taking 2 uploads already, the most it takes at once; retry in 2 s", busy.detail());
            assertEquals(Optional.of("2"), busy.retryAfter());

            first.close(); // the client goes away mid-body
            await(this::inProgress, 1);
            assertEquals(201, new RawHttp(base).send("POST", "/api/prompts", "audio/wav", Clips.speech()).status());
        }
        await(this::inProgress, 0);
    }
}
