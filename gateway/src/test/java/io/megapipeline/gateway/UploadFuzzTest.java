package io.megapipeline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.gateway.RawHttp.Answer;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.megapipeline.testing.WavMutator;
import io.megapipeline.testing.WavMutator.Mutant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Randomly damaged WAVs (a fixed seed, so every run sends the same ones) uploaded over HTTP. Each answer
 * must be what the shared WAV reader decides for the same bytes: 201 for a WAV it reads, otherwise its
 * status and its reason; never a 5xx, never more than the client's timeout.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class UploadFuzzTest {

    private static final long SEED = 20_261_122L;
    private static final int MUTATIONS = 1_200;
    private static final Duration MAX_DURATION = Duration.ofSeconds(60);

    @Inject
    ObjectStore store;

    @TestHTTPResource("/")
    URI base;

    @Test
    void damagedWavsGetTheReadersAnswerAndNeverAServerError() throws Exception {
        RawHttp http = new RawHttp(base);
        byte[] clip = Clips.speech();
        WavMutator mutator = new WavMutator(SEED, WavMutator.seeds(Arrays.copyOfRange(clip, 44, 44 + 8_000), 16_000));
        int storedBefore = store.list("input-audios/").size();
        List<String> accepted = new ArrayList<>();
        Map<String, Integer> refused = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int serverErrors = 0;
        long maxNanos = 0;
        long start = System.nanoTime();

        for (int i = 0; i < MUTATIONS; i++) {
            Mutant mutant = mutator.next();
            RejectedInputException expected = readerVerdict(mutant.bytes());
            long sent = System.nanoTime();
            Answer answer;
            try {
                answer = http.send("POST", "/api/prompts", "audio/wav", mutant.bytes());
            } catch (UncheckedIOException e) {
                wrong.add("#" + i + " (" + mutant.damage() + "): no answer within " + RawHttp.TIMEOUT + ": " + e.getMessage());
                continue;
            }
            maxNanos = Math.max(maxNanos, System.nanoTime() - sent);
            if (answer.status() >= 500) {
                serverErrors++;
            }
            if (expected == null && answer.status() == 201) {
                accepted.add(answer.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
            } else if (expected != null && answer.status() == expected.kind().httpStatus && answer.isProblem()
                    && expected.getMessage().equals(answer.detail())) {
                refused.merge(WavMutator.reasonClass(expected.getMessage()), 1, Integer::sum);
            } else {
                wrong.add("#" + i + " (" + mutant.damage() + "): the reader says "
                        + (expected == null ? "valid" : expected.getMessage()) + ", the gateway " + answer);
            }
        }
        int stored = store.list("input-audios/").size() - storedBefore;
        for (String id : accepted) {
            assertEquals(204, http.send("DELETE", "/api/prompts/" + id, null, null, "Authorization", RawHttp.ADMIN).status());
        }

        System.out.printf(Locale.ROOT, "fuzz gateway: %d mutations (seed %d) in %.1f s, %d accepted (201), %d refused, "
                + "%d 5xx, %d answers unlike the reader's, max %d ms per request; refused by reason: %s%n", MUTATIONS, SEED,
                (System.nanoTime() - start) / 1e9, accepted.size(), refused.values().stream().mapToInt(n -> n).sum(),
                serverErrors, wrong.size(), maxNanos / 1_000_000, refused);
        assertTrue(wrong.isEmpty(), wrong.size() + " answers unlike the reader's, e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
        assertEquals(accepted.size(), stored, "exactly the accepted uploads are stored");
        assertEquals(storedBefore, store.list("input-audios/").size(), "the accepted uploads are deleted again");
        assertEquals(200, http.send("GET", "/q/health/ready", null, null).status());
    }

    /** What the shared reader says of the bytes: null if it reads them, otherwise its refusal. */
    private static RejectedInputException readerVerdict(byte[] wav) {
        try {
            Wav.read(wav, MAX_DURATION);
            return null;
        } catch (RejectedInputException e) {
            return e;
        }
    }
}
