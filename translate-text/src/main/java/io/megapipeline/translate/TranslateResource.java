package io.megapipeline.translate;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.Texts;

/** The stage without Kafka: English text in, French text out. */
@Path("/translate")
public class TranslateResource {

    private final TranslationEngine engine;

    TranslateResource(TranslationEngine engine) {
        this.engine = engine;
    }

    /** Refused input answers 400 (empty, control characters), 413 (too long) or 415 (not UTF-8), with the reason. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String translate(byte[] english) throws RejectedInputException {
        return engine.translate(Texts.decode(english));
    }
}
