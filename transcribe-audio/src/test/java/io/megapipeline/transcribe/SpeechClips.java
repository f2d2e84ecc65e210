package io.megapipeline.transcribe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real human speech with reference transcripts, from the Debian package pocketsphinx-testdata: five
 * LibriVox sentences and five spoken card names, all 16 kHz mono 16-bit WAV. {@link #convert} makes
 * other layouts of them with sox (repeatable mode: the same dither on every run).
 */
final class SpeechClips {

    static final Path DATA = Path.of("/usr/share/pocketsphinx/test/data");
    private static final Pattern LINE = Pattern.compile("<s>(.*)</s>\\s*\\((\\S+)\\)");

    /** One recording and what is said in it. */
    record Clip(String name, Path wav, String reference) {

        byte[] bytes() {
            try {
                return Files.readAllBytes(wav);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A layout that sox converts the clips to: its sample rate and channel count. */
    enum Layout {
        MONO_8K(8000, 1), MONO_22K(22050, 1), STEREO_44K(44100, 2);

        final int rate;
        final int channels;

        Layout(int rate, int channels) {
            this.rate = rate;
            this.channels = channels;
        }
    }

    private SpeechClips() {
    }

    /** The ten clips, LibriVox first. */
    static List<Clip> all() {
        List<Clip> clips = new ArrayList<>(librivox());
        clips.addAll(cards());
        return clips;
    }

    static List<Clip> librivox() {
        return read(DATA.resolve("librivox"), "transcription");
    }

    static List<Clip> cards() {
        return read(DATA.resolve("cards"), "cards.transcription");
    }

    private static List<Clip> read(Path dir, String transcription) {
        try {
            List<Clip> clips = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(transcription))) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    clips.add(new Clip(m.group(2), dir.resolve(m.group(2) + ".wav"), m.group(1).trim()));
                }
            }
            if (clips.size() != 5) {
                throw new IllegalStateException("expected 5 clips in " + dir + ", found " + clips.size()
                        + " (is pocketsphinx-testdata installed?)");
            }
            return clips;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the clips of " + dir + " (is pocketsphinx-testdata installed?)", e);
        }
    }

    /** The clip converted by sox to the layout, under target/speech-clips/ (made once). */
    static Clip convert(Clip clip, Layout layout) {
        Path out = Path.of("target", "speech-clips", layout.name().toLowerCase(), clip.name() + ".wav");
        if (!Files.exists(out)) {
            sox(clip.wav().toString(), "-b", "16", "-e", "signed-integer", "-r", String.valueOf(layout.rate),
                    "-c", String.valueOf(layout.channels), out.toString());
        }
        return new Clip(clip.name(), out, clip.reference());
    }

    /** Runs sox with the arguments (input first, output last), creating the output's directory. */
    static void sox(String... args) {
        try {
            Path output = Path.of(args[args.length - 1]);
            if (output.getParent() != null) {
                Files.createDirectories(output.getParent());
            }
            List<String> command = new ArrayList<>(List.of("sox", "-q", "-R"));
            command.addAll(List.of(args));
            Process sox = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(sox.getInputStream().readAllBytes());
            if (!sox.waitFor(60, TimeUnit.SECONDS) || sox.exitValue() != 0) {
                throw new IllegalStateException("sox failed: " + command + "\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sox (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
