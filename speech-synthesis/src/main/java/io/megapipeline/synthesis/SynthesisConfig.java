package io.megapipeline.synthesis;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The settings of a synthesis stage: the voice and how it speaks. Each synthesis service maps them under its own
 * prefix ({@code synthesis-en.*}, {@code synthesis-fr.*}), so both stages can run in one application.
 * {@link SpeechSettings} holds the same values for engines made outside a service (tests, benchmarks).
 */
public interface SynthesisConfig {

    /**
     * The engine: {@code espeak-ng} (formant synthesis, many voices and settings) or {@code pico} (SVOX Pico,
     * more natural, six languages).
     */
    @WithDefault("espeak-ng")
    String engine();

    /** The espeak-ng executable (a name looked up on the PATH, or a path). */
    @WithDefault("espeak-ng")
    String command();

    /** An espeak-ng voice, optionally with a variant ({@code en-us}, {@code en+m3}, {@code fr}), or a Pico language ({@code en-US}, {@code fr-FR}). */
    String voice();

    /** Words per minute (80 to 450). */
    @WithDefault("175")
    int speed();

    /** 0 to 99. */
    @WithDefault("50")
    int pitch();

    /** Extra pause between words, in units of 10 ms at the default speed. */
    @WithDefault("0")
    int wordGap();

    /** Longer texts are refused (413). */
    @WithDefault("20000")
    int maxChars();

    /** Texts read at once by this replica (the engine's concurrency); more wait their turn. */
    @WithDefault("2")
    int maxConcurrency();

    /** The longest one piece of text (a paragraph or a few sentences) may take to speak. */
    @WithDefault("60s")
    Duration timeout();
}
