package io.megapipeline.synthesis.fr;

import io.megapipeline.synthesis.SynthesisConfig;
import io.smallrye.config.ConfigMapping;

/** The French voice: {@code synthesis-fr.*} (see {@link SynthesisConfig}). */
@ConfigMapping(prefix = "synthesis-fr")
public interface FrenchSynthesisConfig extends SynthesisConfig {
}
