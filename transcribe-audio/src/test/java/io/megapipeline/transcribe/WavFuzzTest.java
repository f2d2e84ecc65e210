package io.megapipeline.transcribe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.megapipeline.testing.WavMutator;
import io.megapipeline.testing.WavMutator.Mutant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Randomly damaged WAVs (a fixed seed) through the stage's WAV reading and its engine: the only failure
 * allowed is a RejectedInputException, and no call may take longer than its bound. The reader sees every
 * mutation; the engine sees each accepted one whose layout (rate, channels, length) is new, up to a cap,
 * since Vosk costs a fraction of a second per clip. Few damaged headers stay consistent, so the engine
 * also gets valid WAVs of unusual layouts: edge sample rates, up to eight channels, one frame to a
 * second, full-scale square waves.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class WavFuzzTest {

    private static final long SEED = 20_261_122L;
    private static final int MUTATIONS = 1_500;
    private static final int MAX_ENGINE_RUNS = 30;
    private static final long READ_BOUND_MS = 10_000;
    private static final long ENGINE_BOUND_MS = 30_000;

    @Inject
    TranscriptionEngine engine;

    @Inject
    TranscribeConfig config;

    private ExecutorService worker;
    private List<String> failures;
    private long maxReadNanos;
    private long maxEngineNanos;

    @BeforeEach
    void start() {
        worker = Executors.newSingleThreadExecutor();
        failures = new ArrayList<>();
        maxReadNanos = 0;
        maxEngineNanos = 0;
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void damagedWavsAreReadOrRefusedAndNeverBreakTheEngine() {
        byte[] clip = SpeechClips.cards().get(0).bytes(); // "ten of clubs", 1.1 s
        WavMutator mutator = new WavMutator(SEED, WavMutator.seeds(Arrays.copyOfRange(clip, 44, clip.length), 16_000));
        Map<String, Integer> refused = new TreeMap<>();
        Set<String> layouts = new HashSet<>();
        int accepted = 0;
        int transcribed = 0;
        int engineRefused = 0;
        long start = System.nanoTime();
        for (int i = 0; i < MUTATIONS; i++) {
            Mutant mutant = mutator.next();
            String name = "#" + i + " (" + mutant.damage() + ")";
            Outcome<PcmAudio> read = bounded(name + " read", READ_BOUND_MS,
                    () -> Wav.read(mutant.bytes(), config.maxDuration()));
            maxReadNanos = Math.max(maxReadNanos, read.nanos);
            if (read.refusal != null) {
                refused.merge(WavMutator.reasonClass(read.refusal.getMessage()), 1, Integer::sum);
                continue;
            }
            if (read.value == null) {
                continue; // a failure, recorded
            }
            accepted++;
            PcmAudio audio = read.value;
            String layout = audio.sampleRate() + " Hz, " + audio.channels() + " ch, " + audio.samples().length;
            if (layouts.size() < MAX_ENGINE_RUNS && layouts.add(layout)) {
                Outcome<Transcript> heard = bounded(name + " transcribe " + layout, ENGINE_BOUND_MS,
                        () -> engine.transcribe(mutant.bytes()));
                maxEngineNanos = Math.max(maxEngineNanos, heard.nanos);
                transcribed += heard.value != null ? 1 : 0;
                engineRefused += heard.refusal != null ? 1 : 0;
            }
        }

        System.out.printf(Locale.ROOT, "fuzz transcribe: %d mutations (seed %d) in %.1f s, %d read, %d refused, "
                + "%d other failures, max %.1f ms per read; engine on %d new layouts: %d transcribed, %d refused, "
                + "max %d ms per run; refused by reason: %s%n", MUTATIONS, SEED, (System.nanoTime() - start) / 1e9,
                accepted, refused.values().stream().mapToInt(n -> n).sum(), failures.size(), maxReadNanos / 1e6,
                layouts.size(), transcribed, engineRefused, maxEngineNanos / 1_000_000, refused);
        assertTrue(failures.isEmpty(), failures.size() + " failures, e.g. " + failures.subList(0, Math.min(5, failures.size())));
    }

    @Test
    void unusualLayoutsNeverBreakTheEngine() {
        Random random = new Random(SEED);
        short[] speech = samples(SpeechClips.cards().get(0).bytes());
        int[] rates = { 8_000, 8_001, 11_025, 15_999, 16_001, 22_050, 44_100, 96_000, 191_999, 192_000 };
        int transcribed = 0;
        int refused = 0;
        List<String> layouts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 2 * rates.length; i++) {
            int rate = i < rates.length ? rates[i] : 8_000 + random.nextInt(184_001);
            int channels = 1 + random.nextInt(8);
            int[] lengths = { 1, 2, 17, rate / 4, 1 + random.nextInt(rate), rate * 11 / 10 };
            int frames = lengths[random.nextInt(lengths.length)];
            boolean fullScale = random.nextInt(4) == 0;
            short[] samples = new short[frames * channels];
            for (int s = 0; s < samples.length; s++) {
                int frame = s / channels; // every channel has the clip, at the frame's time
                samples[s] = fullScale ? (frame % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE)
                        : speech[(int) ((long) frame * 16_000 / rate) % speech.length];
            }
            String layout = rate + " Hz, " + channels + " ch, " + frames + " frames" + (fullScale ? ", full scale" : "");
            layouts.add(layout);
            byte[] wav = Wav.write(new PcmAudio(rate, channels, samples));
            Outcome<Transcript> heard = bounded(layout, ENGINE_BOUND_MS,
                    () -> engine.transcribe(wav));
            maxEngineNanos = Math.max(maxEngineNanos, heard.nanos);
            transcribed += heard.value != null ? 1 : 0;
            refused += heard.refusal != null ? 1 : 0;
        }

        System.out.printf(Locale.ROOT, "fuzz transcribe layouts: %d unusual layouts through the engine in %.1f s, "
                + "%d transcribed, %d refused, %d other failures, max %d ms per run%n", layouts.size(),
                (System.nanoTime() - start) / 1e9, transcribed, refused, failures.size(), maxEngineNanos / 1_000_000);
        assertTrue(failures.isEmpty(), failures.size() + " failures, e.g. " + failures.subList(0, Math.min(5, failures.size())));
    }

    private static short[] samples(byte[] wav) {
        try {
            return Wav.read(wav, java.time.Duration.ofMinutes(1)).samples();
        } catch (RejectedInputException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A result, or the refusal; both null when the call failed otherwise (recorded in failures). */
    private record Outcome<T>(T value, RejectedInputException refusal, long nanos) {
    }

    /** Runs the call on the worker, waiting at most the bound; any failure but a refusal is recorded. */
    private <T> Outcome<T> bounded(String name, long boundMs, Callable<T> call) {
        long start = System.nanoTime();
        Future<T> result = worker.submit(call);
        try {
            T value = result.get(boundMs, TimeUnit.MILLISECONDS);
            return new Outcome<>(value, null, System.nanoTime() - start);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedInputException refusal) {
                return new Outcome<>(null, refusal, System.nanoTime() - start);
            }
            failures.add(name + ": " + e.getCause());
        } catch (TimeoutException e) {
            failures.add(name + ": still running after " + boundMs + " ms");
            throw new AssertionError(name + " hangs: " + failures); // the worker is stuck; nothing more can run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Outcome<>(null, null, System.nanoTime() - start);
    }
}
