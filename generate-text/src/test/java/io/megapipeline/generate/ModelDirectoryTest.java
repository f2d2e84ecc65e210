package io.megapipeline.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @Test
    void theDefaultIsTheEmbeddedStoriesModel() throws Exception {
        try (ModelDirectory dir = ModelDirectory.open(Optional.empty())) {
            assertEquals(Path.of("stories260K"), dir.path().getFileName());
            assertTrue(Files.isRegularFile(dir.path().resolve("model.onnx")));
            assertTrue(Files.isRegularFile(dir.path().resolve("tokenizer.json")));
        }
    }

    @Test
    // Loading the copy is left to the packaged service (the launcher starts it from the jar): the tokenizer's
    // native library may be loaded by one class loader only, and Quarkus tests load it in theirs.
    void theEmbeddedModelInAJarIsCopiedForLoadingAndTheCopyDeletedAfterwards(@TempDir Path tmp) throws Exception {
        Path resources;
        try (ModelDirectory dir = ModelDirectory.open(Optional.empty())) {
            resources = dir.path();
        }
        Path jar = tmp.resolve("generate-text.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String file : List.of("model.onnx", "tokenizer.json", "config.json")) {
                out.putNextEntry(new JarEntry(ModelDirectory.EMBEDDED + "/" + file));
                out.write(Files.readAllBytes(resources.resolve(file)));
                out.closeEntry();
            }
        }
        Path copy;
        try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null);
                ModelDirectory dir = ModelDirectory.embedded(loader)) {
            copy = dir.path();
            assertTrue(dir.isTemporaryCopy());
            assertFalse(copy.startsWith(tmp), copy.toString());
            assertArrayEquals(Files.readAllBytes(resources.resolve("model.onnx")), Files.readAllBytes(copy.resolve("model.onnx")));
            assertEquals("stories260K", copy.getFileName().toString());
        }
        assertFalse(Files.exists(copy.getParent()), "the temporary copy is deleted: " + copy);
    }

    @Test
    void aClassPathWithoutTheModelStopsStartUpNamingTheProperty(@TempDir Path tmp) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] { tmp.toUri().toURL() }, null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelDirectory.embedded(loader));
            assertTrue(e.getMessage().contains("set generate.model-dir (env GENERATE_MODEL_DIR)"), e.getMessage());
        }
    }

    @Test
    void aConfiguredDirectoryWithoutAModelStopsStartUpNamingTheProperty(@TempDir Path empty) throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelDirectory.open(Optional.of(empty)));
        assertTrue(e.getMessage().startsWith("generate.model-dir (env GENERATE_MODEL_DIR) is " + empty), e.getMessage());
        assertTrue(e.getMessage().endsWith("it has no model.onnx or decoder_model_merged.onnx"), e.getMessage());

        try (OutputStream out = Files.newOutputStream(empty.resolve("decoder_model_merged.onnx"))) {
            out.write(0);
        }
        e = assertThrows(IllegalStateException.class, () -> ModelDirectory.open(Optional.of(empty)));
        assertTrue(e.getMessage().endsWith("it has no tokenizer.json"), e.getMessage());
    }
}
