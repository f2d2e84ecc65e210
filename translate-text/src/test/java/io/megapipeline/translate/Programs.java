package io.megapipeline.translate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs installed programs as a pipeline, text on standard input (no shell), for reference outputs in tests. */
final class Programs {

    private Programs() {
    }

    /** What {@code echo text | apertium PAIR1 | apertium PAIR2 ...} prints, without the final line break. */
    @SuppressWarnings("unchecked")
    static String apertiumReference(List<String> pairs, String line) {
        return strip(run(line + "\n", pairs.stream().map(pair -> List.of("apertium", pair)).toArray(List[]::new)));
    }

    static String strip(String out) {
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    @SafeVarargs
    static String run(String input, List<String>... commands) {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (List<String> command : commands) {
            builders.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT));
        }
        try {
            List<Process> processes = ProcessBuilder.startPipeline(builders);
            Thread writer = new Thread(() -> {
                try (OutputStream in = processes.get(0).getOutputStream()) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.start();
            byte[] out = processes.get(processes.size() - 1).getInputStream().readAllBytes();
            writer.join();
            for (Process p : processes) {
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(p.info().commandLine().orElse("a program") + " failed");
                }
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
