package io.megapipeline.synthesis.en;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.synthesis.SpeechEngine;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.testing.WordErrorRate;

/**
 * How well speech can be understood, measured: each sentence is synthesized, recognized back with
 * Vosk and its small English model, and scored by word error rate (WER: word substitutions,
 * insertions and deletions over the words of the sentence).
 */
final class Intelligibility implements AutoCloseable {

    /** Simple sentences in everyday words, as a story for children would have them. */
    static final List<String> SENTENCES = List.of(
            "The cat sat on the mat.",
            "She opened the door and walked into the garden.",
            "We will meet at the park tomorrow morning.",
            "The little dog ran after the red ball.",
            "My brother likes to read books at night.",
            "It is very cold outside today.",
            "Please bring me a cup of hot tea.",
            "The children played in the snow all afternoon.",
            "He found a key under the old chair.",
            "The sun was shining over the quiet town.",
            "They bought fresh bread and milk for breakfast.",
            "The story was about a brave young girl.");

    private static final int RATE = 16_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model model;

    Intelligibility() {
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        Path dir = modelDir();
        if (!Files.isDirectory(dir.resolve("am"))) {
            throw new IllegalStateException("no Vosk model at " + dir + ": build the module first (mvn test-compile)");
        }
        try {
            model = new Model(dir.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot load the Vosk model at " + dir, e);
        }
    }

    /** target/vosk-model/model-en-us, unpacked by the build next to target/test-classes. */
    private static Path modelDir() {
        try {
            Path testClasses = Path.of(Intelligibility.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.resolveSibling("vosk-model").resolve("model-en-us");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mean WER over {@link #SENTENCES}. */
    double meanWer(SpeechEngine engine) throws RejectedInputException {
        return meanWer(engine, SENTENCES);
    }

    /** The mean WER over the given sentences. */
    double meanWer(SpeechEngine engine, List<String> sentences) throws RejectedInputException {
        double sum = 0;
        for (String sentence : sentences) {
            sum += WordErrorRate.of(sentence, transcribe(engine.synthesize(sentence)));
        }
        return sum / sentences.size();
    }

    /** What Vosk hears in a WAV file: resampled to 16 kHz mono, with half a second of silence around it. */
    String transcribe(byte[] wav) throws RejectedInputException {
        short[] speech = Wav.read(wav, Duration.ofMinutes(5)).toMono(RATE).samples();
        short[] padded = new short[speech.length + RATE];
        System.arraycopy(speech, 0, padded, RATE / 2, speech.length);
        ByteBuffer bytes = ByteBuffer.allocate(padded.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(padded);
        try (Recognizer recognizer = new Recognizer(model, RATE)) {
            recognizer.acceptWaveForm(bytes.array(), bytes.capacity());
            return JSON.readTree(recognizer.getFinalResult()).path("text").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Vosk answered with invalid JSON", e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
