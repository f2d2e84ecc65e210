package io.megapipeline.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./mega-pipeline run FILE.wav [DIR]}: sends one prompt through the running pipeline, prints
 * each artifact as it arrives and writes the English and French audio next to the input (or into DIR).
 */
public final class PromptClient {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private PromptClient() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: PromptClient GATEWAY_URL FILE.wav [OUTPUT_DIR]");
            System.exit(2);
        }
        try {
            System.exit(run(new GatewayClient(args[0]), Path.of(args[1]),
                    args.length == 3 ? Path.of(args[2]) : null));
        } catch (IOException e) {
            System.err.println("mega-pipeline: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(GatewayClient gateway, Path input, Path outputDir) throws IOException {
        long start = System.nanoTime();
        String id = gateway.upload(Files.readAllBytes(input));
        System.out.println("prompt " + id + " uploaded from " + input);
        JsonNode prompt = gateway.await(id, TIMEOUT, PromptClient::print);
        if (prompt.path("failed").asBoolean()) {
            System.err.println("mega-pipeline: prompt " + id + " failed");
            return 1;
        }
        Path dir = outputDir != null ? outputDir : input.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = input.getFileName().toString().replaceFirst("(?i)\\.wav$", "");
        Path english = dir.resolve(name + ".en.wav");
        Path french = dir.resolve(name + ".fr.wav");
        Files.write(english, gateway.audio(id, "text-audios"));
        Files.write(french, gateway.audio(id, "output-audios"));
        System.out.printf(Locale.ROOT, "done in %.1f s%n  %s%n  %s%n",
                (System.nanoTime() - start) / 1e9, english, french);
        return 0;
    }

    private static void print(JsonNode stage) {
        String artifact = stage.path("artifact").asText();
        if (stage.path("state").asText().equals("failed")) {
            System.out.printf(Locale.ROOT, "  %-16s FAILED in %s: %s%n", artifact, stage.path("stage").asText(),
                    stage.path("reason").asText());
            return;
        }
        String seconds = stage.hasNonNull("seconds")
                ? String.format(Locale.ROOT, "%6.2f s", stage.get("seconds").asDouble()) : "        ";
        String text = stage.hasNonNull("text") ? "  " + oneLine(stage.get("text").asText())
                : "  " + stage.path("size").asLong() + " bytes";
        System.out.printf(Locale.ROOT, "  %-16s %s%s%n", artifact, seconds, text);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
