package io.megapipeline.synthesis.fr;

import io.megapipeline.core.speech.SpeechConfig;
import io.smallrye.config.ConfigMapping;

/** The speech settings of this service: {@code synthesis.*} in application.properties. */
@ConfigMapping(prefix = "synthesis")
public interface SynthesisConfig extends SpeechConfig {
}
