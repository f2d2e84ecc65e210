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
 * Runs {@code ./mega-pipeline} commands on one stack, echoing their output. The launcher takes the stack's state
 * directory and port offset from the environment: a tool has them from the launcher that started it, a test gives
 * its own.
 */
final class LauncherCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path launcher;
    private final Map<String, String> stack;

    LauncherCommand(Path launcher) {
        this(launcher, Map.of());
    }

    /** With {@code stack} added to every command's environment (MEGA_PIPELINE_STATE, MEGA_PIPELINE_PORT_OFFSET). */
    LauncherCommand(Path launcher, Map<String, String> stack) {
        this.launcher = launcher;
        this.stack = stack;
    }

    /** Starts one command with these settings added to the environment, its error output merged into its output. */
    Process start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(stack);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs one command to its end with these settings added to the environment, echoing its output; returns it. */
    String run(Map<String, String> environment, String... args) throws IOException {
        return run(TIMEOUT, environment, args);
    }

    String run(Duration timeout, Map<String, String> environment, String... args) throws IOException {
        Process process = start(environment, args);
        StringBuilder output = new StringBuilder();
        // Read beside the wait, so that a command that hangs with its output open still ends at the timeout.
        Thread echo = new Thread(() -> echo(process, output), "mega-pipeline output");
        echo.setDaemon(true);
        echo.start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                throw new IOException("./mega-pipeline " + String.join(" ", args) + " still runs after " + timeout);
            }
            echo.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("./mega-pipeline " + String.join(" ", args) + " exited with " + process.exitValue()
                    + ":\n" + output);
        }
        return output.toString();
    }

    private static void echo(Process process, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("[mega-pipeline] " + line);
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            output.append("(output lost: ").append(e.getMessage()).append(")\n");
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
