package io.megapipeline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The repository being validated, and a way to run the offline tools on its files. */
final class Project {

    static final Path ROOT = Path.of(System.getProperty("mega-pipeline.root", "..")).toAbsolutePath().normalize();
    static final Path TARGET = ROOT.resolve("deploy-validation/target");

    private Project() {
    }

    /** Exit code and combined output of a finished process. */
    record Result(int exitCode, String output) {
    }

    static Result run(Path dir, List<String> command) {
        return run(dir, command, List.of());
    }

    /** Runs a command with some variables of this environment removed, so their defaults apply. */
    static Result run(Path dir, List<String> command, List<String> unset) {
        return run(dir, command, unset, Map.of());
    }

    /** Runs a command with some variables removed and some set. */
    static Result run(Path dir, List<String> command, List<String> unset, Map<String, String> set) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            unset.forEach(builder.environment()::remove);
            builder.environment().putAll(set);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file under target/ (creating its directory) and returns its path. */
    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
