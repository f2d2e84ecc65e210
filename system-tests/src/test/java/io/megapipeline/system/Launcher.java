package io.megapipeline.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.megapipeline.testing.ProjectRoot;

/** Drives {@code ./mega-pipeline} as a user does, with its state directory under target/. */
final class Launcher {

    static final Path ROOT = ProjectRoot.get();
    /** The stack's state directory under system-tests/target (-Dmega-pipeline.stack names it). */
    static final Path STATE = ROOT.resolve("system-tests/target").resolve(System.getProperty("mega-pipeline.stack", "stack"));
    /** Shifts every port of the stack (-Dmega-pipeline.port-offset), so it can run beside another. */
    static final int PORT_OFFSET = Integer.getInteger("mega-pipeline.port-offset", 0);
    static final String GATEWAY_URL = "http://localhost:" + port(8080);
    private static final LauncherCommand COMMAND = new LauncherCommand(ROOT.resolve("mega-pipeline"), Map.of(
            "MEGA_PIPELINE_STATE", STATE.toString(), "MEGA_PIPELINE_PORT_OFFSET", Integer.toString(PORT_OFFSET)));

    private Launcher() {
    }

    /** A port of ARCHITECTURE.md as this stack uses it. */
    static int port(int standardPort) {
        return standardPort + PORT_OFFSET;
    }

    /** Runs one launcher command to its end, echoing its output; returns the output. */
    static String run(Duration timeout, String... args) throws IOException, InterruptedException {
        try {
            return COMMAND.run(timeout, Map.of(), args);
        } catch (IOException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Starts {@code ./mega-pipeline up} in the foreground and returns once it reports the stack ready. */
    static Process upInForeground(Duration timeout) throws IOException, InterruptedException {
        Process process = start("up");
        StringBuilder output = new StringBuilder();
        Object ready = new Object();
        echo(process, output, ready);
        Instant deadline = Instant.now().plus(timeout);
        synchronized (ready) {
            while (!output.toString().contains("Mega Pipeline is ready")) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroy();
                    throw new AssertionError("the stack did not start:\n" + output);
                }
                ready.wait(1000);
            }
        }
        return process;
    }

    /** The pids the launcher recorded for its running processes. */
    static List<Long> recordedPids() throws IOException {
        Path pids = STATE.resolve("pids");
        List<Long> result = new ArrayList<>();
        if (Files.isDirectory(pids)) {
            try (Stream<Path> files = Files.list(pids)) {
                for (Path file : files.toList()) {
                    result.add(Long.parseLong(Files.readString(file).strip()));
                }
            }
        }
        return result;
    }

    private static Process start(String... args) throws IOException {
        return COMMAND.start(Map.of(), args);
    }

    private static Thread echo(Process process, StringBuilder output, Object lineAdded) {
        Thread thread = new Thread(() -> copy(process, output, lineAdded), "mega-pipeline output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void copy(Process process, StringBuilder output, Object lineAdded) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("[mega-pipeline] " + line);
                synchronized (lineAdded) {
                    output.append(line).append('\n');
                    lineAdded.notifyAll();
                }
            }
        } catch (IOException e) {
            output.append("(output lost: ").append(e.getMessage()).append(")\n");
        }
    }
}
