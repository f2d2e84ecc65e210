package io.megapipeline.core.audio;

/**
 * 16-bit PCM samples, interleaved by channel. What a WAV file holds once its header is checked.
 */
public record PcmAudio(int sampleRate, int channels, short[] samples) {

    public PcmAudio {
        if (sampleRate <= 0 || channels <= 0 || samples.length % channels != 0) {
            throw new IllegalArgumentException("inconsistent PCM layout");
        }
    }

    public int frames() {
        return samples.length / channels;
    }

    public double durationSeconds() {
        return (double) frames() / sampleRate;
    }

    /** One channel: the mean of all channels. */
    public PcmAudio toMono() {
        if (channels == 1) {
            return this;
        }
        short[] mono = new short[frames()];
        for (int f = 0; f < mono.length; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[f * channels + c];
            }
            mono[f] = (short) Math.round((double) sum / channels);
        }
        return new PcmAudio(sampleRate, 1, mono);
    }

    /** Mono at the given rate (band-limited resampling), the layout speech models expect. */
    public PcmAudio toMono(int rate) {
        PcmAudio mono = toMono();
        return mono.sampleRate == rate ? mono : new PcmAudio(rate, 1, Resampler.resample(mono.samples, mono.sampleRate, rate));
    }

    /** Root mean square of the samples, from 0 (silence) to 1 (full scale). */
    public double rms() {
        if (samples.length == 0) {
            return 0;
        }
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length) / 32768.0;
    }
}
