package io.megapipeline.synthesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.RejectedInputException;

/**
 * Speech with SVOX Pico ({@code pico2wave}, Debian's libttspico-utils): a more natural voice than espeak-ng's
 * formant synthesis, for en-US, en-GB, fr-FR, de-DE, es-ES and it-IT. Chosen with the engine setting {@code pico};
 * the voice is then the Pico language. Pico writes a file, so each piece of the text (see
 * {@link SpeechText#pieces}) is one {@code pico2wave} run into a file of this engine's temporary directory,
 * with no shell and the text after {@code --}, so no text is read as an option. Pico has no speed, pitch or
 * word gap settings: those of espeak-ng are not used.
 *
 * <p>The constructor speaks a probe sentence, so a missing program or an unknown language stops the service at
 * start-up with the reason.
 */
public class PicoSpeechEngine implements SpeechEngine {

    private static final Logger LOG = Logger.getLogger(PicoSpeechEngine.class);
    private static final Set<String> LANGUAGES = Set.of("en-US", "en-GB", "fr-FR", "de-DE", "es-ES", "it-IT");
    private static final String COMMAND = "pico2wave";
    /** Pico reads Latin-1 text: what it cannot say (symbols, other scripts) becomes a space. */
    private static final Pattern UNSPEAKABLE = Pattern.compile("[^\\x{20}-\\x{7E}\\x{A0}-\\x{FF}\\x{2018}\\x{2019}\\x{201C}\\x{201D}\\x{2026}\\x{2013}\\x{2014}\\x{20AC}\\s]");

    private final String language;
    private final int maxChars;
    private final Duration timeout;
    private final SpeechSlots slots;
    private final Path workDir;

    public PicoSpeechEngine(SynthesisConfig config) {
        this.language = config.voice();
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("synthesis voice '" + language + "' is not a Pico language: use one of "
                    + String.join(", ", LANGUAGES.stream().sorted().toList()));
        }
        this.maxChars = config.maxChars();
        this.timeout = config.timeout();
        this.slots = new SpeechSlots(config.maxConcurrency());
        try {
            this.workDir = Files.createTempDirectory("pico-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for Pico's files", e);
        }
        try {
            if (speakPiece("ready").samples().length == 0) {
                throw new IllegalStateException("Pico produced no audio for a probe word in " + language);
            }
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("cannot run " + COMMAND + ": " + e.getCause().getMessage()
                    + "; install the Debian package libttspico-utils (section non-free)", e);
        }
        LOG.infof("speech engine ready: %s", describe());
    }

    @Override
    public String describe() {
        return "pico " + language;
    }

    @Override
    public byte[] synthesize(String text) throws RejectedInputException {
        SpeechText.check(text, maxChars);
        List<PcmAudio> spoken = new ArrayList<>();
        slots.acquire();
        try {
            for (String piece : SpeechText.pieces(text)) {
                String speakable = UNSPEAKABLE.matcher(piece).replaceAll(" ").strip();
                if (!speakable.isEmpty()) {
                    spoken.add(speakPiece(speakable));
                }
            }
        } finally {
            slots.release();
        }
        int length = spoken.stream().mapToInt(a -> a.samples().length).sum();
        if (length == 0) {
            throw new RejectedInputException("the text has nothing to speak");
        }
        short[] all = new short[length];
        int at = 0;
        for (PcmAudio audio : spoken) {
            System.arraycopy(audio.samples(), 0, all, at, audio.samples().length);
            at += audio.samples().length;
        }
        return Wav.write(new PcmAudio(spoken.get(0).sampleRate(), 1, all));
    }

    /** One pico2wave run on one piece of text. */
    private PcmAudio speakPiece(String piece) {
        Path file = null;
        try {
            file = Files.createTempFile(workDir, "speech-", ".wav");
            Process process = new ProcessBuilder(COMMAND, "-l", language, "-w", file.toString(), "--", piece)
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(COMMAND + " did not finish within " + timeout);
            }
            String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(COMMAND + " failed: " + (output.isEmpty() ? "status " + process.exitValue() : output));
            }
            // Pico writes 16 kHz mono, always: the pieces join as they are.
            return Wav.read(Files.readAllBytes(file), Duration.ofHours(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RejectedInputException e) {
            throw new IllegalStateException(COMMAND + " wrote a WAV file this service cannot read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while speaking", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debugf("could not delete %s: %s", file, e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", workDir, e.getMessage());
        }
    }
}
