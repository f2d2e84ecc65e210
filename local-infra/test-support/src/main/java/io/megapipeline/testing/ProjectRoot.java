package io.megapipeline.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, where the server class paths are found. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path get() {
        String configured = System.getProperty("mega-pipeline.root", System.getenv("MEGA_PIPELINE_ROOT"));
        if (configured != null && Files.isRegularFile(Path.of(configured, "mvnw"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("local-infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Mega Pipeline root not found above " + Path.of("").toAbsolutePath()
                + "; set -Dmega-pipeline.root");
    }

    /** The class path of a server module, built by Maven into local-infra/{module}/target/lib. */
    static String serverClassPath(String module) {
        Path lib = get().resolve("local-infra").resolve(module).resolve("target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build it with ./mvnw -pl local-infra/" + module + " package");
        }
        return lib + "/*";
    }
}
