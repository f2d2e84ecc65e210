package io.megapipeline.synthesis;

import java.time.Duration;

/** Speech settings as plain values: for engines built outside a service's configuration (tests, benchmarks). */
public record SpeechSettings(String command, String voice, int speed, int pitch, int wordGap, int maxChars,
        int maxConcurrency, Duration timeout) implements SynthesisConfig {

    /** The voice with the defaults of {@link SynthesisConfig}. */
    public static SpeechSettings of(String voice) {
        return new SpeechSettings("espeak-ng", voice, 175, 50, 0, 20_000, 2, Duration.ofSeconds(60));
    }

    /** A copy of the settings of a configuration. */
    public static SpeechSettings copyOf(SynthesisConfig c) {
        return new SpeechSettings(c.command(), c.voice(), c.speed(), c.pitch(), c.wordGap(), c.maxChars(),
                c.maxConcurrency(), c.timeout());
    }

    public SpeechSettings withCommand(String command) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrency, timeout);
    }

    public SpeechSettings withVoice(String voice) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrency, timeout);
    }

    public SpeechSettings withSpeed(int speed) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrency, timeout);
    }

    public SpeechSettings withPitch(int pitch) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrency, timeout);
    }

    public SpeechSettings withWordGap(int wordGap) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrency, timeout);
    }

    public SpeechSettings withMaxChars(int maxChars) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrency, timeout);
    }

    /** Tests and benchmarks make the engine class they measure themselves; these settings serve either. */
    @Override
    public String engine() {
        return "espeak-ng";
    }

    /** e.g. {@code en-us+m3 175 wpm, pitch 50, gap 0}. */
    public String label() {
        return voice + " " + speed + " wpm, pitch " + pitch + ", gap " + wordGap;
    }
}
