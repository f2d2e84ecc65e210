package io.megapipeline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

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
 * The upload rate limit, on, with a small bucket (3 at once, 1 a second) and X-Forwarded-For trusted so
 * the test can speak as several clients. Empty bodies are refused quickly and store nothing, and they
 * count like any upload.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBucket.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class RateLimitTest {

    public static class SmallBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upload.rate-limit.enabled", "true",
                    "gateway.upload.rate-limit.per-second", "1",
                    "gateway.upload.rate-limit.burst", "3",
                    "gateway.upload.rate-limit.trust-forwarded-for", "true");
        }
    }

    @TestHTTPResource("/")
    URI base;

    private Answer upload(String forwardedFor) {
        return new RawHttp(base).send("POST", "/api/prompts", "audio/wav", new byte[0], "X-Forwarded-For", forwardedFor);
    }

    @Test
    void aBurstPastTheLimitIsRefusedUntilTheBucketRefills() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            assertEquals(400, upload("203.0.113.1").status(), "upload " + (i + 1) + " of the burst");
        }

        Answer limited = upload("203.0.113.1");
        assertEquals(429, limited.status());
        assertTrue(limited.isProblem());
        assertEquals("too many uploads from 203.0.113.1: at most 1 a second, 3 at once; retry in 1 s", limited.detail());
        assertEquals(Optional.of("1"), limited.retryAfter());

        assertEquals(400, upload("203.0.113.2").status(), "another client has its own bucket");
        assertEquals(429, upload("198.51.100.7, 203.0.113.1").status(),
                "the client is the address the trusted proxy added last, not one the client wrote before it");

        Thread.sleep(1_100); // one token back
        assertEquals(400, upload("203.0.113.1").status(), "after waiting, an upload goes through again");
        assertEquals(429, upload("203.0.113.1").status());
    }

    @Test
    void theUploadPathWithMatrixParametersIsLimitedToo() {
        for (int i = 0; i < 3; i++) {
            upload("203.0.113.3");
        }

        Answer limited = new RawHttp(base).send("POST", "/api/prompts;x=1", "audio/wav", new byte[0],
                "X-Forwarded-For", "203.0.113.3");

        assertEquals(429, limited.status());
    }

    @Test
    void readingIsNotLimited() {
        for (int i = 0; i < 4; i++) {
            upload("203.0.113.4");
        }

        for (int i = 0; i < 10; i++) {
            assertEquals(200, new RawHttp(base).send("GET", "/api/prompts", null, null, "X-Forwarded-For", "203.0.113.4")
                    .status());
        }
    }
}
