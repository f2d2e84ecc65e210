package io.megapipeline.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the language model is: the directory {@code generate.model-dir} (env GENERATE_MODEL_DIR) names,
 * or else {@code ../shared/models/stories260K} beside the project root (the directory holding
 * {@code mvnw}, found by walking up from the working directory), for local runs and tests.
 * The model is never part of this repository.
 */
final class ModelDirectory {

    static final String PROPERTY = "generate.model-dir";
    static final List<String> MODEL_FILES = List.of("model.onnx", "decoder_model_merged.onnx");

    private ModelDirectory() {
    }

    static Path resolve(Optional<Path> configured) {
        if (configured.isPresent()) {
            Path dir = configured.get().toAbsolutePath().normalize();
            String missing = missingFiles(dir);
            if (missing != null) {
                throw new IllegalStateException(PROPERTY + " (env GENERATE_MODEL_DIR) is " + dir + ", but " + missing);
            }
            return dir;
        }
        return defaultDirectory().filter(dir -> missingFiles(dir) == null).orElseThrow(() -> new IllegalStateException(
                "no language model found: set " + PROPERTY + " (env GENERATE_MODEL_DIR) to a directory with "
                        + "model.onnx (or decoder_model_merged.onnx), tokenizer.json and config.json"));
    }

    /** {@code ../shared/models/stories260K} relative to the project root, if there is a project root above. */
    static Optional<Path> defaultDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return Optional.of(dir.resolveSibling("shared").resolve("models").resolve("stories260K").normalize());
            }
        }
        return Optional.empty();
    }

    /** The network file of a model directory: model.onnx, or the merged decoder of an Optimum export. */
    static Path modelFile(Path dir) {
        return MODEL_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + String.join(" or ", MODEL_FILES) + " in " + dir));
    }

    /** What the directory lacks, or null when it holds a whole model. */
    private static String missingFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "that is not a directory";
        }
        if (MODEL_FILES.stream().noneMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
            return "it has no " + String.join(" or ", MODEL_FILES);
        }
        for (String file : List.of("tokenizer.json", "config.json")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return "it has no " + file;
            }
        }
        return null;
    }
}
