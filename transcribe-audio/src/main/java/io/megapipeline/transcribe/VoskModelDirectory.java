package io.megapipeline.transcribe;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the default Vosk model is: {@value #RELATIVE}, which the module build unpacks into target/ and a
 * container image copies beside its application. It is looked up from where this class was loaded
 * (target/classes in tests and dev mode, target/quarkus-app/app/*.jar when packaged, /app/app/*.jar in
 * the image) and that location's parents, so the service finds it from any working directory.
 */
final class VoskModelDirectory {

    static final String RELATIVE = "vosk-model/model-en-us";

    private VoskModelDirectory() {
    }

    static Path packaged() {
        Path application;
        try {
            application = Path.of(VoskModelDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where the application is, to find the default Vosk model: "
                    + "set transcribe.model-dir (env TRANSCRIBE_MODEL_DIR)", e);
        }
        for (Path dir = application; dir != null; dir = dir.getParent()) {
            Path model = dir.resolve(RELATIVE);
            if (Files.isDirectory(model)) {
                return model;
            }
        }
        throw new IllegalStateException("no default Vosk model (" + RELATIVE + ") beside the application at "
                + application + ": build the module (./mvnw package -pl transcribe-audio) or set "
                + "transcribe.model-dir (env TRANSCRIBE_MODEL_DIR) to a Vosk model directory");
    }
}
