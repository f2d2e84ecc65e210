package io.megapipeline.core.speech;

import java.time.Duration;

/** Speech settings as plain values: for engines built outside a service's configuration (tests, benchmarks). */
public record SpeechSettings(String command, String voice, int speed, int pitch, int wordGap, int maxChars,
        int maxConcurrent, Duration timeout) implements SpeechConfig {

    /** The voice with the defaults of {@link SpeechConfig}. */
    public static SpeechSettings of(String voice) {
        return new SpeechSettings("espeak-ng", voice, 175, 50, 0, 20_000, 2, Duration.ofSeconds(60));
    }

    /** A copy of the settings of a configuration. */
    public static SpeechSettings copyOf(SpeechConfig c) {
        return new SpeechSettings(c.command(), c.voice(), c.speed(), c.pitch(), c.wordGap(), c.maxChars(),
                c.maxConcurrent(), c.timeout());
    }

    public SpeechSettings withCommand(String command) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrent, timeout);
    }

    public SpeechSettings withVoice(String voice) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrent, timeout);
    }

    public SpeechSettings withSpeed(int speed) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrent, timeout);
    }

    public SpeechSettings withPitch(int pitch) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrent, timeout);
    }

    public SpeechSettings withWordGap(int wordGap) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrent, timeout);
    }

    public SpeechSettings withMaxChars(int maxChars) {
        return new SpeechSettings(command, voice, speed, pitch, wordGap, maxChars, maxConcurrent, timeout);
    }

    /** e.g. {@code en-us+m3 175 wpm, pitch 50, gap 0}. */
    public String label() {
        return voice + " " + speed + " wpm, pitch " + pitch + ", gap " + wordGap;
    }
}
