package io.megapipeline.synthesis.fr;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /synthesize: French text in, WAV out, and every kind of bad text refused with the reason. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class SynthesisResourceTest {

    private static byte[] post(String text) {
        return given().contentType("text/plain; charset=utf-8").body(text.getBytes(StandardCharsets.UTF_8))
                .post("/synthesize")
                .then().statusCode(200).contentType("audio/wav")
                .extract().asByteArray();
    }

    private static void refused(byte[] body, int status, String reason) {
        given().contentType("text/plain; charset=utf-8").body(body)
                .post("/synthesize")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("detail", equalTo(reason));
    }

    @Test
    void frenchTextIsReadAloudAsAValidWav() throws Exception {
        String text = "Il était une fois un petit renard qui vivait dans la forêt, près d'une rivière.";
        byte[] wav = post(text);

        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(wav.length - 8, header.getInt(4), "RIFF size");
        assertEquals(wav.length - 44, header.getInt(40), "data size");
        assertEquals(1, header.getShort(20), "PCM");
        assertEquals(16, header.getShort(34), "bits per sample");
        PcmAudio audio = Wav.read(wav, Duration.ofMinutes(5)); // strict: every size in the header must be true
        assertEquals(1, audio.channels());
        assertTrue(audio.rms() > 0.02, "not silent: rms " + audio.rms());
        // 15 words at 175 words per minute: about 5.1 s, with the pause at the comma.
        assertTrue(audio.durationSeconds() > 3.5 && audio.durationSeconds() < 8, audio.durationSeconds() + " s");
    }

    @Test
    void textThatStartsWithADashIsSpokenNotTakenForAnOption() throws Exception {
        PcmAudio audio = Wav.read(post("-v en --stdout ceci n'est pas une option"), Duration.ofMinutes(5));

        assertTrue(audio.rms() > 0.02, "not silent: rms " + audio.rms());
        assertTrue(audio.durationSeconds() > 1.5, audio.durationSeconds() + " s for about eight words");
    }

    @Test
    void emptyTextIsRefused() {
        refused(new byte[0], 400, "the text is empty: there is nothing to speak");
        refused("\n\n".getBytes(StandardCharsets.UTF_8), 400, "the text is empty: there is nothing to speak");
    }

    @Test
    void textOverTheLimitIsRefusedAsTooLarge() {
        refused("é".repeat(20_001).getBytes(StandardCharsets.UTF_8), 413,
                "the text is 20001 characters long; the limit is 20000");
    }

    @Test
    void controlCharactersAreRefused() {
        refused("une cloche\u001b[31m".getBytes(StandardCharsets.UTF_8), 400,
                "the text contains the control character U+001B at position 10; only line breaks and tabs are allowed");
    }

    @Test
    void invalidUtf8IsRefused() {
        refused(new byte[] { 'c', 'a', (byte) 0xE7, 'a' }, 415, "text is not valid UTF-8"); // Latin-1, not UTF-8
    }
}
