package io.megapipeline.transcribe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;

/**
 * Prints the model load time and the real-time factor (processing time / audio duration) of the Vosk
 * engine on a 10-second recording (two LibriVox sentences joined): the first request on each recognizer
 * (which builds its graph cache), then one request at a time and two at once.
 * The CPU time per audio second is the real-time factor the decoder would have on an idle core; wall-clock
 * figures grow when other processes share the cores.
 * Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl transcribe-audio test-compile exec:java \
 *     -Dexec.mainClass=io.megapipeline.transcribe.TranscribeBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * The model directory is the system property {@code transcribe.model-dir} (the pom sets it to the unpacked
 * default model).
 */
public final class TranscribeBenchmark {

    private static final int RUNS = 5;

    private TranscribeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TranscribeSettings settings = TranscribeSettings.withRecognizers(2);
        Path modelDir = settings.modelDir().orElseGet(VoskModelDirectory::packaged);
        long loadStart = System.nanoTime();
        VoskTranscriptionEngine engine = new VoskTranscriptionEngine(settings);
        double loadSeconds = seconds(loadStart);

        List<SpeechClips.Clip> clips = SpeechClips.librivox();
        PcmAudio joined = join(read(clips.get(0)), read(clips.get(1)));
        byte[] audio = Wav.write(joined);
        double duration = joined.durationSeconds();
        System.out.printf(Locale.ROOT, "model %s loaded in %.2f s; %d processors%n", modelDir,
                loadSeconds, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "audio: %.2f s of speech, 16 kHz mono%n", duration);
        for (int i = 0; i < 2; i++) { // each of the two recognizers once: its first request builds its graph cache
            long start = System.nanoTime();
            String text = engine.transcribe(audio).text();
            System.out.printf(Locale.ROOT, "first request on recognizer %d: real-time factor %.3f: %s%n", i + 1,
                    seconds(start) / duration, text);
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        double sum = 0;
        double cpu = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime(); // Vosk decodes on the calling thread
            engine.transcribe(audio);
            cpu += (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 / duration;
            double rtf = seconds(start) / duration;
            best = Math.min(best, rtf);
            sum += rtf;
        }
        System.out.printf(Locale.ROOT, "one at a time: real-time factor mean %.3f, best %.3f; CPU time per audio "
                + "second %.3f (%d runs)%n", sum / RUNS, best, cpu / RUNS, RUNS);

        ExecutorService two = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        List<Future<Double>> runs = new ArrayList<>();
        for (int i = 0; i < 2 * RUNS; i++) {
            runs.add(two.submit(() -> {
                long t = System.nanoTime();
                engine.transcribe(audio);
                return seconds(t) / duration;
            }));
        }
        double perRequest = 0;
        for (Future<Double> run : runs) {
            perRequest += run.get();
        }
        double wall = seconds(start);
        two.shutdown();
        System.out.printf(Locale.ROOT, "two at once: real-time factor per request %.3f; %.1f s of audio per second%n",
                perRequest / runs.size(), runs.size() * duration / wall);
    }

    private static PcmAudio read(SpeechClips.Clip clip) throws Exception {
        return Wav.read(clip.bytes(), Duration.ofSeconds(60));
    }

    private static PcmAudio join(PcmAudio first, PcmAudio second) {
        short[] samples = new short[first.samples().length + second.samples().length];
        System.arraycopy(first.samples(), 0, samples, 0, first.samples().length);
        System.arraycopy(second.samples(), 0, samples, first.samples().length, second.samples().length);
        return new PcmAudio(first.sampleRate(), first.channels(), samples);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
