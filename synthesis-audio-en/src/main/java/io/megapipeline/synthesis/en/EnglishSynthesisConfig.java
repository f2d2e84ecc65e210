package io.megapipeline.synthesis.en;

import io.megapipeline.synthesis.SynthesisConfig;
import io.smallrye.config.ConfigMapping;

/** The English voice: {@code synthesis-en.*} (see {@link SynthesisConfig}). */
@ConfigMapping(prefix = "synthesis-en")
public interface EnglishSynthesisConfig extends SynthesisConfig {
}
