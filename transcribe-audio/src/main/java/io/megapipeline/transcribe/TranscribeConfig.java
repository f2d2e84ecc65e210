package io.megapipeline.transcribe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the transcription stage (prefix {@code transcribe}); see application.properties. */
@ConfigMapping(prefix = "transcribe")
public interface TranscribeConfig {

    /**
     * The Vosk model directory (the one holding am/, conf/, graph/, ivector/). Unset: the small English
     * model that the build unpacks beside the application ({@link VoskModelDirectory}); a larger Vosk
     * model needs only this setting.
     */
    Optional<Path> modelDir();

    /** The sample rate the model was trained on; audio is converted to it. */
    @WithDefault("16000")
    int sampleRate();

    /** Longer audio is refused (413 on the direct endpoint). */
    @WithDefault("60s")
    Duration maxDuration();

    /** How many recognitions run at once, over Kafka and HTTP together; more wait their turn. */
    @WithDefault("2")
    int maxConcurrency();
}
