package io.megapipeline.synthesis;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.megapipeline.core.stage.Problem;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.Texts;

/**
 * The stage without Kafka: {@code curl --data-binary @story.txt -H 'Content-Type: text/plain'
 * localhost:8083/synthesize -o story.wav} (8083 for English, 8085 for French). Where both stages run in one
 * application, {@code /synthesize/en} and {@code /synthesize/fr} say which voice.
 */
@Path("/synthesize")
@Consumes(MediaType.TEXT_PLAIN)
public class SynthesisResource {

    private final List<SynthesisStage> stages;

    SynthesisResource(Instance<SynthesisStage> stages) {
        this.stages = stages.stream().sorted(Comparator.comparing(SynthesisStage::language)).toList();
    }

    /** Text (UTF-8) in, a WAV file of it read aloud in the service's voice out. */
    @POST
    public Response synthesize(byte[] text) throws RejectedInputException {
        if (stages.size() != 1) {
            return Problem.of(404, "this application speaks " + languages() + ": POST /synthesize/{language} says which")
                    .response();
        }
        return speak(stages.get(0), text);
    }

    /** The same in the voice of that language. */
    @POST
    @Path("{language}")
    public Response synthesize(@PathParam("language") String language, byte[] text) throws RejectedInputException {
        Optional<SynthesisStage> stage = stages.stream().filter(s -> s.language().equals(language)).findFirst();
        if (stage.isEmpty()) {
            return Problem.of(404, "no voice here speaks '" + language + "'; this application speaks " + languages())
                    .response();
        }
        return speak(stage.get(), text);
    }

    private static Response speak(SynthesisStage stage, byte[] text) throws RejectedInputException {
        return Response.ok(stage.engine().synthesize(Texts.decode(text)), "audio/wav").build();
    }

    private String languages() {
        return String.join(" and ", stages.stream().map(SynthesisStage::language).toList());
    }
}
