package io.megapipeline.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.generate.DecoderModel.Continuation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The generation engine: a decoder model run by DJL and ONNX Runtime, loaded once at start-up.
 * Concurrent requests share batches (see {@link Batcher}).
 */
@Startup
@ApplicationScoped
public class OnnxGenerationEngine implements GenerationEngine {

    private static final Logger LOG = Logger.getLogger(OnnxGenerationEngine.class);

    private final DecoderModel model;
    private final Batcher batcher;
    private final Sampling defaults;
    private final Counter generatedTokens;

    OnnxGenerationEngine(GenerateConfig config, MeterRegistry registry) {
        String source;
        try (ModelDirectory dir = ModelDirectory.open(config.modelDir())) {
            this.model = DecoderModel.load(dir.path(), config.threads());
            source = dir.isTemporaryCopy() ? "the embedded " + ModelDirectory.EMBEDDED : dir.path().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DistributionSummary batchSizes = DistributionSummary.builder("generate.batch.size")
                .description("prompts decoded together in one batch").register(registry);
        this.generatedTokens = Counter.builder("generate.tokens").description("tokens generated").register(registry);
        this.batcher = new Batcher(model, config.maxConcurrency(), config.batchWait(), batchSizes::record);
        this.defaults = new Sampling(config.maxNewTokens(), config.temperature(), config.topK(), config.topP(), 0);
        LOG.infof("loaded %s from %s; batches of up to %d", model.describe(), source, config.maxConcurrency());
    }

    @Override
    public String generate(String prompt, Sampling sampling) throws RejectedInputException {
        String text = prompt == null ? "" : prompt.strip();
        if (text.isEmpty()) {
            throw new RejectedInputException("the prompt is empty");
        }
        sampling.validate();
        if (sampling.maxNewTokens() >= model.contextLength()) {
            throw new RejectedInputException("maxNewTokens must be less than the model's context of "
                    + model.contextLength() + " tokens, not " + sampling.maxNewTokens());
        }
        long[] ids = model.encode(text);
        int room = model.contextLength() - sampling.maxNewTokens();
        if (ids.length > room) {
            throw new RejectedInputException(RejectedInputException.Kind.TOO_LARGE, "the prompt is " + ids.length
                    + " tokens long; this model has a context of " + model.contextLength() + " tokens, so with "
                    + sampling.maxNewTokens() + " new tokens a prompt can have at most " + room);
        }
        Continuation continuation;
        try {
            continuation = batcher.generate(ids, sampling);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        }
        generatedTokens.increment(continuation.tokens().length);
        return Sentences.paragraph(text, continuationText(ids, continuation.tokens()));
    }

    /**
     * The text the new tokens add to the prompt. Decoding them together with the prompt keeps the spaces
     * and multi-token characters at the seam right.
     */
    private String continuationText(long[] prompt, long[] tokens) {
        long[] all = Arrays.copyOf(prompt, prompt.length + tokens.length);
        System.arraycopy(tokens, 0, all, prompt.length, tokens.length);
        String whole = model.decode(all);
        String head = model.decode(prompt);
        return whole.startsWith(head) ? whole.substring(head.length()) : " " + model.decode(tokens);
    }

    @Override
    public Sampling defaults() {
        return defaults;
    }

    @Override
    public String describe() {
        return model.describe();
    }

    @PreDestroy
    void close() {
        batcher.close();
        model.close();
    }
}
