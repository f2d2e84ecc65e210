package io.megapipeline.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The directory the language model is loaded from: the one {@code generate.model-dir} (env
 * GENERATE_MODEL_DIR) names, or else the embedded stories260K model, resources of this module
 * ({@code models/stories260K}). The engine reads files, so when those resources are inside a jar they
 * are copied to a temporary directory, which {@link #close()} deletes once the model is loaded. Either
 * way nothing depends on the working directory.
 */
final class ModelDirectory implements AutoCloseable {

    static final String PROPERTY = "generate.model-dir";
    static final String EMBEDDED = "models/stories260K";
    static final List<String> MODEL_FILES = List.of("model.onnx", "decoder_model_merged.onnx");
    private static final List<String> EMBEDDED_FILES = List.of("model.onnx", "tokenizer.json", "config.json");

    private final Path path;
    private final Path temporaryCopy;

    private ModelDirectory(Path path, Path temporaryCopy) {
        this.path = path;
        this.temporaryCopy = temporaryCopy;
    }

    /** The configured directory, checked, or else the embedded model. */
    static ModelDirectory open(Optional<Path> configured) {
        if (configured.isEmpty()) {
            return embedded(ModelDirectory.class.getClassLoader());
        }
        Path dir = configured.get().toAbsolutePath().normalize();
        String missing = missingFiles(dir);
        if (missing != null) {
            throw new IllegalStateException(PROPERTY + " (env GENERATE_MODEL_DIR) is " + dir + ", but " + missing);
        }
        return new ModelDirectory(dir, null);
    }

    /** The embedded model as {@code loader} has it: its own directory, or a temporary copy of files in a jar. */
    static ModelDirectory embedded(ClassLoader loader) {
        URL config = loader.getResource(EMBEDDED + "/config.json");
        if (config == null) {
            throw new IllegalStateException("the embedded model " + EMBEDDED + " is missing from the class path: set "
                    + PROPERTY + " (env GENERATE_MODEL_DIR) to a model directory");
        }
        try {
            if (config.getProtocol().equals("file")) {
                return new ModelDirectory(Path.of(config.toURI()).getParent(), null);
            }
            Path copy = Files.createTempDirectory("generate-text-model-");
            Path dir = Files.createDirectory(copy.resolve("stories260K"));
            for (String file : EMBEDDED_FILES) {
                try (InputStream in = loader.getResourceAsStream(EMBEDDED + "/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the embedded model lacks " + file);
                    }
                    Files.copy(in, dir.resolve(file));
                }
            }
            return new ModelDirectory(dir, copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the embedded model " + EMBEDDED + " to a temporary directory", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path path() {
        return path;
    }

    boolean isTemporaryCopy() {
        return temporaryCopy != null;
    }

    /** Deletes the temporary copy, if there is one: the loaded model no longer needs its files. */
    @Override
    public void close() throws IOException {
        if (temporaryCopy != null) {
            for (String file : EMBEDDED_FILES) {
                Files.deleteIfExists(path.resolve(file));
            }
            Files.deleteIfExists(path);
            Files.deleteIfExists(temporaryCopy);
        }
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
