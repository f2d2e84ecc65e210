package io.megapipeline.synthesis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.RejectedInputException;

/**
 * Speech with the espeak-ng program. Each piece of the text (see {@link SpeechText#pieces}) is one
 * {@code espeak-ng --stdout} run, with no shell and the text on standard input, so no text is ever
 * read as an option or a file name. espeak-ng streams its WAV with placeholder sizes; the samples are
 * taken from it, joined and written again as a WAV file with true sizes.
 *
 * <p>The constructor speaks a probe sentence, so a missing program or an unknown voice stops the
 * service at start-up with the reason instead of failing every prompt later.
 */
public class EspeakSpeechEngine implements SpeechEngine {

    private static final Logger LOG = Logger.getLogger(EspeakSpeechEngine.class);
    private static final String PROBE = "ready";
    private static final int STDERR_LIMIT = 4096;

    private final SpeechSettings settings;
    private final List<String> command;
    private final SpeechSlots slots;
    private final int sampleRate;

    public EspeakSpeechEngine(SynthesisConfig config) {
        this.settings = SpeechSettings.copyOf(config);
        checkRange("speed", settings.speed(), 80, 450);
        checkRange("pitch", settings.pitch(), 0, 99);
        checkRange("word-gap", settings.wordGap(), 0, 100);
        checkRange("max-chars", settings.maxChars(), 1, Integer.MAX_VALUE);
        checkRange("max-concurrency", settings.maxConcurrency(), 1, 64);
        if (settings.voice() == null || settings.voice().isBlank() || settings.voice().startsWith("-")) {
            throw new IllegalArgumentException("synthesis voice '" + settings.voice() + "' is not a voice name");
        }
        this.command = List.of(settings.command(), "-b", "1", "-v", settings.voice(), "-s",
                Integer.toString(settings.speed()), "-p", Integer.toString(settings.pitch()), "-g",
                Integer.toString(settings.wordGap()), "--stdout");
        this.slots = new SpeechSlots(settings.maxConcurrency());
        this.sampleRate = probe();
        LOG.infof("speech engine ready: %s", describe());
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("synthesis " + name + " is " + value + "; expected " + min + " to " + max);
        }
    }

    /** Speaks a word to prove the program runs and knows the voice; returns its sample rate. */
    private int probe() {
        try {
            PcmAudio audio = speakPiece(PROBE);
            if (audio == null || audio.samples().length == 0) {
                throw new IllegalStateException("espeak-ng produced no audio for a probe word with voice '"
                        + settings.voice() + "'");
            }
            return audio.sampleRate();
        } catch (EspeakException e) {
            throw new IllegalStateException("espeak-ng cannot speak with voice '" + settings.voice() + "': "
                    + e.getMessage() + " (list the voices with: espeak-ng --voices)", e);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("cannot run espeak-ng ('" + settings.command() + "'): "
                    + e.getCause().getMessage() + "; install the Debian package espeak-ng", e);
        }
    }

    @Override
    public String describe() {
        return "espeak-ng " + settings.label();
    }

    @Override
    public byte[] synthesize(String text) throws RejectedInputException {
        SpeechText.check(text, settings.maxChars());
        List<String> pieces = SpeechText.pieces(text);
        slots.acquire();
        try {
            ByteArrayOutputStream samples = new ByteArrayOutputStream();
            for (String piece : pieces) {
                PcmAudio audio = speakPiece(piece);
                if (audio != null) {
                    if (audio.sampleRate() != sampleRate || audio.channels() != 1) {
                        throw new IllegalStateException("espeak-ng changed its output format to " + audio.channels()
                                + " channels at " + audio.sampleRate() + " Hz");
                    }
                    samples.writeBytes(littleEndian(audio.samples()));
                }
            }
            if (samples.size() == 0) {
                throw new RejectedInputException("the text has nothing to speak");
            }
            short[] all = new short[samples.size() / 2];
            ByteBuffer.wrap(samples.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(all);
            return Wav.write(new PcmAudio(sampleRate, 1, all));
        } finally {
            slots.release();
        }
    }

    /** One espeak-ng run on one piece; null when it produced no audio at all. */
    private PcmAudio speakPiece(String piece) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Written from another thread: espeak-ng may fill its output pipe before it has read all its input.
            Thread writer = new Thread(() -> feed(process, piece), "espeak-ng-input");
            writer.setDaemon(true);
            writer.start();
            // The output ends when the process does; a run that hangs is ended by this watchdog.
            AtomicBoolean timedOut = new AtomicBoolean();
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
                timedOut.set(true);
                process.destroyForcibly();
            }, CompletableFuture.delayedExecutor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
            byte[] out = readAll(process.getInputStream());
            process.waitFor();
            watchdog.cancel(false);
            if (timedOut.get()) {
                throw new EspeakException("espeak-ng did not finish within " + settings.timeout());
            }
            String errors = new String(readLimited(process.getErrorStream()), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new EspeakException(errors.isEmpty() ? "espeak-ng exited with status " + process.exitValue() : errors);
            }
            return out.length == 0 ? null : EspeakOutput.parse(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while speaking", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void feed(Process process, String piece) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(piece.getBytes(StandardCharsets.UTF_8));
            in.write('\n');
        } catch (IOException e) {
            // espeak-ng closed its input early; its exit status tells why.
        }
    }

    private byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readLimited(InputStream in) {
        try (in) {
            return in.readNBytes(STDERR_LIMIT);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] littleEndian(short[] samples) {
        ByteBuffer buf = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().put(samples);
        return buf.array();
    }

    /** espeak-ng failed on a piece: its own message. */
    static final class EspeakException extends RuntimeException {
        EspeakException(String message) {
            super(message);
        }
    }
}
