package io.megapipeline.gateway;

import io.megapipeline.core.audio.PcmAudio;

/** Loudness envelopes: how alike two recordings sound over time, whatever their sample rate. */
final class Loudness {

    private Loudness() {
    }

    /** The RMS of each 50 ms window of a mono recording. */
    static double[] envelope(PcmAudio audio) {
        PcmAudio mono = audio.toMono();
        int window = mono.sampleRate() / 20;
        double[] rms = new double[mono.samples().length / window];
        for (int w = 0; w < rms.length; w++) {
            double sum = 0;
            for (int i = w * window; i < (w + 1) * window; i++) {
                sum += (double) mono.samples()[i] * mono.samples()[i];
            }
            rms[w] = Math.sqrt(sum / window);
        }
        return rms;
    }

    /**
     * The best Pearson correlation of the recording's envelope with the source's, over every lag of a
     * source that plays in a loop (as Chromium's fake microphone does).
     */
    static double loopedCorrelation(double[] source, double[] recorded) {
        int n = recorded.length;
        double[] looped = new double[source.length + n];
        for (int i = 0; i < looped.length; i++) {
            looped[i] = source[i % source.length];
        }
        double best = -1;
        for (int lag = 0; lag < source.length; lag++) {
            best = Math.max(best, pearson(recorded, looped, lag));
        }
        return best;
    }

    private static double pearson(double[] a, double[] b, int offset) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[offset + i];
        }
        ma /= n;
        mb /= n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[offset + i] - mb;
            cov += da * db;
            va += da * da;
            vb += db * db;
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    /** The envelope without the silent windows before the first sound (the device starting up). */
    static double[] trimLeadingSilence(double[] envelope) {
        int start = 0;
        while (start < envelope.length && envelope[start] < 1) {
            start++;
        }
        return java.util.Arrays.copyOfRange(envelope, start, envelope.length);
    }
}
