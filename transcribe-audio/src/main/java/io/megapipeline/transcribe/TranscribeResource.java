package io.megapipeline.transcribe;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.megapipeline.core.stage.RejectedInputException;

/**
 * The stage without Kafka: {@code curl --data-binary @speech.wav -H 'Content-Type: audio/wav'
 * localhost:8081/transcribe}. Bad audio is answered with 400, 413 or 415 and the reason.
 */
@Path("/transcribe")
@Consumes({ "audio/wav", "audio/x-wav", "audio/wave" })
public class TranscribeResource {

    private final TranscriptionEngine engine;

    TranscribeResource(TranscriptionEngine engine) {
        this.engine = engine;
    }

    /** The transcript as plain text. */
    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String text(byte[] wav) throws RejectedInputException {
        return engine.transcribe(wav).text();
    }

    /** The transcript with each word's start, end (seconds) and confidence. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Transcript json(byte[] wav) throws RejectedInputException {
        return engine.transcribe(wav);
    }
}
