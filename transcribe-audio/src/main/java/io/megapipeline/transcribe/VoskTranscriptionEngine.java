package io.megapipeline.transcribe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.RejectedInputException;
import io.quarkus.runtime.Startup;

/**
 * Vosk (Kaldi) speech recognition. The model loads once, when the service starts, with a fixed set of
 * recognizers that requests take turns on: their number bounds how many run at once (each one holds a
 * CPU core). A recognizer is reset and kept between requests because the small model composes its
 * decoding graph on the fly and caches what it composed in the recognizer: a new recognizer spends
 * about a second rebuilding that cache, five times the decoding of a short prompt.
 */
@Startup
@ApplicationScoped
public class VoskTranscriptionEngine implements TranscriptionEngine {

    private static final Logger LOG = Logger.getLogger(VoskTranscriptionEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Audio goes to the recognizer in slices of this length, as a stream would, so it can find pauses. */
    private static final double SLICE_SECONDS = 0.25;

    private final Model model;
    private final String description;
    private final int sampleRate;
    private final Duration maxDuration;
    private final BlockingQueue<KeptRecognizer> recognizers;

    /**
     * A recognizer kept between requests, and how much audio it has heard: Vosk times words from the first sample
     * a recognizer ever heard, so a request's word times are shifted back by what came before it. A request that
     * did not finish leaves the recognizer in a state whose clock is unknown: it is replaced before its next use.
     */
    private static final class KeptRecognizer {
        Recognizer recognizer;
        long samplesHeard;
        boolean finished = true;
    }

    VoskTranscriptionEngine(TranscribeConfig config) {
        Path dir = config.modelDir().orElseGet(VoskModelDirectory::packaged).toAbsolutePath().normalize();
        int maxConcurrency = config.maxConcurrency();
        if (!Files.isDirectory(dir.resolve("am")) || !Files.isDirectory(dir.resolve("conf"))) {
            throw new IllegalStateException("no Vosk model at " + dir + " (expected am/ and conf/ in it): set "
                    + "transcribe.model-dir (env TRANSCRIBE_MODEL_DIR) to a Vosk model directory");
        }
        LibVosk.setLogLevel(LogLevel.WARNINGS); // Kaldi logs every model component at INFO
        long start = System.nanoTime();
        try {
            this.model = new Model(dir.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Vosk could not load the model at " + dir, e);
        }
        this.description = "vosk " + dir.getFileName();
        this.sampleRate = config.sampleRate();
        this.maxDuration = config.maxDuration();
        this.recognizers = new ArrayBlockingQueue<>(maxConcurrency, true);
        try {
            for (int i = 0; i < maxConcurrency; i++) {
                KeptRecognizer kept = new KeptRecognizer();
                kept.recognizer = newRecognizer();
                recognizers.add(kept);
            }
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
        LOG.infof("loaded Vosk model %s with %d recognizers in %d ms", dir, maxConcurrency,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Transcript transcribe(byte[] wav) throws RejectedInputException {
        PcmAudio audio = Wav.read(wav, maxDuration);
        // Vosk never upsamples (8 kHz audio gives an empty transcript) and reads interleaved channels as one
        // signal, so the audio becomes mono at the model's rate here. Higher rates could go to Vosk as they
        // are, but on the test clips at 22.05 and 44.1 kHz that gave the very same words as resampling here.
        PcmAudio mono = audio.toMono(sampleRate);
        List<Transcript.Word> words = new ArrayList<>();
        KeptRecognizer kept;
        try {
            kept = recognizers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a recognizer", e);
        }
        try {
            if (!kept.finished) {
                renew(kept);
            }
            kept.finished = false;
            Recognizer recognizer = kept.recognizer;
            recognizer.reset(); // forgets the last request's audio, keeps the graph cache
            double before = (double) kept.samplesHeard / mono.sampleRate();
            short[] samples = mono.samples();
            int slice = (int) (mono.sampleRate() * SLICE_SECONDS);
            for (int at = 0; at < samples.length; at += slice) {
                short[] part = Arrays.copyOfRange(samples, at, Math.min(samples.length, at + slice));
                if (recognizer.acceptWaveForm(part, part.length)) {
                    collect(recognizer.getResult(), before, words); // a pause ended an utterance
                }
            }
            collect(recognizer.getFinalResult(), before, words);
            kept.samplesHeard += samples.length;
            kept.finished = true;
        } finally {
            recognizers.add(kept);
        }
        if (words.isEmpty()) {
            throw new RejectedInputException("no speech recognized");
        }
        return Transcript.of(words);
    }

    private void renew(KeptRecognizer kept) {
        if (kept.recognizer != null) {
            kept.recognizer.close();
            kept.recognizer = null; // closed once only, even if the next one cannot be made
        }
        kept.recognizer = newRecognizer();
        kept.samplesHeard = 0;
    }

    private Recognizer newRecognizer() {
        try {
            Recognizer recognizer = new Recognizer(model, sampleRate);
            recognizer.setWords(true);
            return recognizer;
        } catch (IOException e) {
            throw new IllegalStateException("Vosk could not create a recognizer", e);
        }
    }

    /**
     * Adds the words of one Vosk result, {"result":[{"word":..,"start":..,"end":..,"conf":..}],"text":..}, timed
     * from the start of this request's audio: {@code before} seconds are what the recognizer heard earlier.
     */
    private static void collect(String result, double before, List<Transcript.Word> words) {
        try {
            for (JsonNode w : JSON.readTree(result).path("result")) {
                words.add(new Transcript.Word(w.path("word").asText(), w.path("start").asDouble() - before,
                        w.path("end").asDouble() - before, w.path("conf").asDouble()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Vosk returned a result that is not JSON: " + result, e);
        }
    }

    @PreDestroy
    void close() {
        recognizers.stream().filter(kept -> kept.recognizer != null).forEach(kept -> kept.recognizer.close());
        model.close();
    }
}
