package io.megapipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @Test
    void theDefaultIsTheSharedStoriesModelBesideTheProjectRoot() {
        Path dir = ModelDirectory.resolve(Optional.empty());

        assertEquals(Path.of("stories260K"), dir.getFileName());
        assertEquals(Path.of("shared", "models", "stories260K"), dir.subpath(dir.getNameCount() - 3, dir.getNameCount()));
        assertTrue(Files.isRegularFile(dir.resolve("model.onnx")));
    }

    @Test
    void aConfiguredDirectoryWithoutAModelStopsStartUpNamingTheProperty(@TempDir Path empty) throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelDirectory.resolve(Optional.of(empty)));
        assertTrue(e.getMessage().startsWith("generate.model-dir (env GENERATE_MODEL_DIR) is " + empty), e.getMessage());
        assertTrue(e.getMessage().endsWith("it has no model.onnx or decoder_model_merged.onnx"), e.getMessage());

        Files.writeString(empty.resolve("decoder_model_merged.onnx"), "");
        e = assertThrows(IllegalStateException.class, () -> ModelDirectory.resolve(Optional.of(empty)));
        assertTrue(e.getMessage().endsWith("it has no tokenizer.json"), e.getMessage());
    }
}
