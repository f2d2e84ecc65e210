package io.megapipeline.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./mega-pipeline} commands on the stack a tool measures: the launcher takes its state directory and
 * port offset from the environment, which this tool's process has from the launcher that started it.
 */
final class LauncherCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path launcher;

    LauncherCommand(Path launcher) {
        this.launcher = launcher;
    }

    /** Runs one command to its end with these settings added to the environment, echoing its output. */
    void run(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("    [mega-pipeline] " + line);
                output.append(line).append('\n');
            }
        }
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                throw new IOException("./mega-pipeline " + String.join(" ", args) + " still runs after " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("./mega-pipeline " + String.join(" ", args) + " exited with " + process.exitValue()
                    + ":\n" + output);
        }
    }

    /** Stops a process and starts it again with these settings (none: its usual ones); returns the seconds it took. */
    double restart(String process, Map<String, String> environment) throws IOException {
        long start = System.nanoTime();
        run(Map.of(), "stop", process);
        run(environment, "start", process);
        return (System.nanoTime() - start) / 1e9;
    }
}
