package io.megapipeline.transcribe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The engine's settings as plain values, for engines made outside the service (tests, benchmarks). */
record TranscribeSettings(Optional<Path> modelDir, int sampleRate, Duration maxDuration, int maxConcurrency)
        implements TranscribeConfig {

    /**
     * The service's defaults with this many recognizers; the model is the system property
     * {@code transcribe.model-dir} when set (the pom sets it for the benchmark), else the packaged one.
     */
    static TranscribeSettings withRecognizers(int maxConcurrency) {
        return new TranscribeSettings(Optional.ofNullable(System.getProperty("transcribe.model-dir")).map(Path::of),
                16_000, Duration.ofSeconds(60), maxConcurrency);
    }
}
