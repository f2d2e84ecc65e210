package io.megapipeline.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns an Apertium {@code .mode} file (a shell pipeline) into the argument lists of its programs,
 * in null-flush mode: each program then answers every NUL-terminated input at once and waits for
 * the next, so one pipeline serves many requests. {@code apertium-wblank-mode -z} prints that
 * pipeline (with the word-bound blank helpers); without it, {@code -z} is added to each program.
 * As the {@code apertium} script does for plain text, {@code $1} becomes {@code -g} (generation
 * marking unknown words) and {@code $2} (the tagger option) is empty. No shell is ever involved.
 */
final class ApertiumModes {

    private static final String WBLANK_MODE = "apertium-wblank-mode";

    private ApertiumModes() {
    }

    /** The programs of the given modes, chained in order. */
    static List<List<String>> pipeline(Path modesDir, List<String> modes) {
        List<List<String>> commands = new ArrayList<>();
        for (String mode : modes) {
            if (!mode.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("'" + mode + "' is not an Apertium mode name");
            }
            Path file = modesDir.resolve(mode + ".mode");
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("no Apertium mode " + file + "; install the language pair "
                        + "(apertium-eng-cat, apertium-fra-cat; apertium-eng-spa, apertium-fr-es) or list the modes with: apertium -l");
            }
            commands.addAll(parse(nullFlushPipeline(file)));
        }
        return commands;
    }

    /** The mode's pipeline with null flushing, from apertium-wblank-mode when installed. */
    private static String nullFlushPipeline(Path file) {
        try {
            Process process = new ProcessBuilder(WBLANK_MODE, "-z", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (IOException e) {
            // not installed: add -z ourselves below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + file, e);
        }
        try {
            return addNullFlush(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fallback: {@code -z} after each program name. */
    static String addNullFlush(String pipeline) {
        List<String> parts = new ArrayList<>();
        for (List<String> program : parse(pipeline)) {
            List<String> withFlag = new ArrayList<>(program);
            withFlag.add(1, "-z");
            parts.add(String.join(" ", withFlag.stream().map(ApertiumModes::quote).toList()));
        }
        return String.join(" | ", parts);
    }

    private static String quote(String word) {
        return word.startsWith("$") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Splits a pipeline into programs and words, honouring single and double quotes. Only plain
     * pipelines are accepted: any other shell feature (variables, redirections, lists) is refused.
     */
    static List<List<String>> parse(String pipeline) {
        List<List<String>> programs = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < pipeline.length(); i++) {
            char c = pipeline.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c) || c == '|') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (c == '|') {
                    endProgram(programs, words, pipeline);
                    words = new ArrayList<>();
                }
            } else if ("$;&<>`(){}\\".indexOf(c) >= 0 && !isModeArgument(pipeline, i)) {
                throw new IllegalStateException("the Apertium mode uses a shell feature ('" + c + "'): " + pipeline);
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalStateException("unbalanced quotes in the Apertium mode: " + pipeline);
        }
        if (word != null) {
            words.add(word.toString());
        }
        endProgram(programs, words, pipeline);
        return programs;
    }

    /** {@code $1} or {@code $2} as a whole word, the two arguments the apertium script passes to a mode. */
    private static boolean isModeArgument(String pipeline, int i) {
        return pipeline.charAt(i) == '$' && i + 1 < pipeline.length() && "12".indexOf(pipeline.charAt(i + 1)) >= 0
                && (i + 2 == pipeline.length() || Character.isWhitespace(pipeline.charAt(i + 2))
                        || pipeline.charAt(i + 2) == '|');
    }

    private static void endProgram(List<List<String>> programs, List<String> words, String pipeline) {
        List<String> program = new ArrayList<>();
        for (String w : words) {
            if (w.equals("$1")) {
                program.add("-g");
            } else if (!w.equals("$2")) {
                program.add(w);
            }
        }
        if (program.isEmpty()) {
            throw new IllegalStateException("an empty program in the Apertium mode: " + pipeline);
        }
        programs.add(List.copyOf(program));
    }
}
