package io.megapipeline.synthesis.en;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /synthesize: text in, WAV out, and every kind of bad text refused with the reason. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class SynthesisResourceTest {

    private static PcmAudio post(String text) throws Exception {
        byte[] wav = given().contentType("text/plain; charset=utf-8").body(text.getBytes(StandardCharsets.UTF_8))
                .post("/synthesize")
                .then().statusCode(200).contentType("audio/wav")
                .extract().asByteArray();
        return Wav.read(wav, Duration.ofMinutes(5)); // strict: every size in the header must be true
    }

    private static void refused(byte[] body, int status, String reason) {
        given().contentType("text/plain; charset=utf-8").body(body)
                .post("/synthesize")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("detail", equalTo(reason));
    }

    @Test
    void textIsReadAloudAsAWav() throws Exception {
        PcmAudio audio = post("Once upon a time, a little fox lived in the forest.");

        assertEquals(1, audio.channels());
        assertTrue(audio.rms() > 0.02, "not silent: rms " + audio.rms());
        // 10 words at 175 words per minute: about 3.4 s, plus the pause at the comma.
        assertTrue(audio.durationSeconds() > 2.5 && audio.durationSeconds() < 6, audio.durationSeconds() + " s");
    }

    @Test
    void textThatStartsWithADashIsSpokenNotTakenForAnOption() throws Exception {
        PcmAudio audio = post("-v fr --stdout -w /tmp/x.wav is not an option here");

        assertTrue(audio.rms() > 0.02, "not silent: rms " + audio.rms());
        assertTrue(audio.durationSeconds() > 2, audio.durationSeconds() + " s for about nine words");
    }

    @Test
    void emptyTextIsRefused() {
        refused(new byte[0], 400, "the text is empty: there is nothing to speak");
        refused(" \n\t ".getBytes(StandardCharsets.UTF_8), 400, "the text is empty: there is nothing to speak");
    }

    @Test
    void textOverTheLimitIsRefusedAsTooLarge() {
        refused("a".repeat(20_001).getBytes(StandardCharsets.UTF_8), 413,
                "the text is 20001 characters long; the limit is 20000");
    }

    @Test
    void controlCharactersAreRefused() {
        refused("ring the bell\u0007".getBytes(StandardCharsets.UTF_8), 400,
                "the text contains the control character U+0007 at position 13; only line breaks and tabs are allowed");
    }

    @Test
    void invalidUtf8IsRefused() {
        refused(new byte[] { 'h', 'i', (byte) 0xC3, (byte) 0x28 }, 415, "text is not valid UTF-8");
    }
}
