package io.megapipeline.synthesis;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.Texts;

/**
 * The stage without Kafka: {@code curl --data-binary @story.txt -H 'Content-Type: text/plain'
 * localhost:8083/synthesize -o story.wav} (8083 for English, 8085 for French).
 */
@Path("/synthesize")
public class SynthesisResource {

    private final SpeechEngine engine;

    SynthesisResource(SpeechEngine engine) {
        this.engine = engine;
    }

    /** Text (UTF-8) in, a WAV file of it read aloud in the service's voice out. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces("audio/wav")
    public byte[] synthesize(byte[] text) throws RejectedInputException {
        return engine.synthesize(Texts.decode(text));
    }
}
