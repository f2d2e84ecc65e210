package io.megapipeline.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The generation engine's settings (application.properties, or environment variables such as GENERATE_MODEL_DIR). */
@ConfigMapping(prefix = "generate")
public interface GenerateConfig {

    /** The model directory (model.onnx + tokenizer.json + config.json); unset: the embedded stories260K model. */
    Optional<Path> modelDir();

    /**
     * The engine's concurrency: the most prompts decoded together, as one batch. The stage's worker pool
     * should let at least this many wait.
     */
    @WithDefault("8")
    int maxConcurrency();

    /** How long the first waiting prompt waits for others to share its batch. */
    @WithDefault("20ms")
    Duration batchWait();

    /** ONNX Runtime's threads for one batch step. */
    @WithDefault("1")
    int threads();

    /** Sampling for pipeline prompts and for direct requests that do not set it. */
    @WithDefault("200")
    int maxNewTokens();

    @WithDefault("0.8")
    double temperature();

    @WithDefault("40")
    int topK();

    @WithDefault("0.95")
    double topP();
}
