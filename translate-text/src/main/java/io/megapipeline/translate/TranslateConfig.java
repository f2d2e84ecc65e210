package io.megapipeline.translate;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of this stage's translator. */
@ConfigMapping(prefix = "translate")
public interface TranslateConfig {

    /** Longer texts are refused (413). */
    @WithDefault("10000")
    int maxChars();

    /** A paragraph longer than this is translated in pieces of whole sentences. */
    @WithDefault("1000")
    int maxPieceChars();

    /** Persistent translator pipelines, so translations at once; more requests wait for a free one. */
    @WithDefault("2")
    int maxConcurrency();

    Apertium apertium();

    interface Apertium {

        /** Where the installed language pairs describe their pipelines ({@code <pair>.mode}). */
        @WithDefault("/usr/share/apertium/modes")
        String modesDir();

        /**
         * The modes run one after the other: English to Catalan, then Catalan to French (or eng-spa,es-fr
         * through Spanish). The Catalan pivot scores higher on the stories' reference set (see
         * {@code TranslationQualityBenchmark}).
         */
        @WithDefault("eng-cat,cat-fra")
        List<String> pairs();

        /** Whether the stories' names and common phrases go through as {@link StoryGlossary} has them. */
        @WithDefault("true")
        boolean glossary();

        /** The longest one piece may take; a pipeline that does not answer in time is restarted. */
        @WithDefault("20s")
        Duration timeout();
    }
}
