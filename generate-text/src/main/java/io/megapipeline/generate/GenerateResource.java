package io.megapipeline.generate;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.Texts;
import io.smallrye.common.annotation.Blocking;

/**
 * The stage without Kafka: POST a prompt, get the paragraph. A text/plain body uses the configured
 * sampling; a JSON body may set any of the parameters. Without a seed, the seed derives from the
 * prompt, so the same request gives the same paragraph.
 */
@Path("/generate")
@Blocking
public class GenerateResource {

    /** A JSON request; absent parameters take the configured values. */
    public record GenerateRequest(String prompt, Integer maxNewTokens, Double temperature, Integer topK, Double topP,
            Long seed) {
    }

    private final GenerationEngine engine;

    GenerateResource(GenerationEngine engine) {
        this.engine = engine;
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String generate(byte[] body) throws RejectedInputException {
        String prompt = Texts.decode(body);
        return engine.generate(prompt, engine.defaults().withSeed(Sampling.seedOf(prompt)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String generate(GenerateRequest request) throws RejectedInputException {
        if (request == null || request.prompt() == null) {
            throw new RejectedInputException("the prompt is empty");
        }
        Sampling d = engine.defaults();
        Sampling sampling = new Sampling(
                request.maxNewTokens() != null ? request.maxNewTokens() : d.maxNewTokens(),
                request.temperature() != null ? request.temperature() : d.temperature(),
                request.topK() != null ? request.topK() : d.topK(),
                request.topP() != null ? request.topP() : d.topP(),
                request.seed() != null ? request.seed() : Sampling.seedOf(request.prompt()));
        return engine.generate(request.prompt(), sampling);
    }
}
