package io.megapipeline.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;

/** Real recordings for the tests: a LibriVox clip of the pocketsphinx test data, 16 kHz mono. */
final class Clips {

    static final Path SPEECH = Path.of(
            "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav");

    private Clips() {
    }

    static byte[] speech() {
        try {
            return Files.readAllBytes(SPEECH);
        } catch (IOException e) {
            throw new UncheckedIOException("install the Debian package pocketsphinx-testdata", e);
        }
    }

    /** The clip repeated until it lasts at least {@code seconds}. */
    static byte[] speechLasting(double seconds) throws Exception {
        PcmAudio clip = Wav.read(speech(), java.time.Duration.ofMinutes(10));
        int needed = (int) Math.ceil(seconds * clip.sampleRate()) * clip.channels();
        short[] samples = new short[needed];
        for (int i = 0; i < needed; i++) {
            samples[i] = clip.samples()[i % clip.samples().length];
        }
        return Wav.write(new PcmAudio(clip.sampleRate(), clip.channels(), samples));
    }
}
