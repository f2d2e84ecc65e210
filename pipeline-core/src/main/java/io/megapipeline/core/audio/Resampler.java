package io.megapipeline.core.audio;

/**
 * Sample-rate conversion by windowed-sinc interpolation. When the rate goes down, the filter's cutoff
 * goes down with it, so frequencies above the new Nyquist limit are removed instead of folding back
 * into the speech band.
 */
final class Resampler {

    private static final int ZERO_CROSSINGS = 16;

    private Resampler() {
    }

    static short[] resample(short[] in, int fromRate, int toRate) {
        double ratio = (double) toRate / fromRate;
        double cutoff = Math.min(1.0, ratio) * 0.95;
        double support = ZERO_CROSSINGS / cutoff;
        int outLength = (int) Math.floor(in.length * ratio);
        short[] out = new short[outLength];
        for (int n = 0; n < outLength; n++) {
            double center = n / ratio;
            int lo = Math.max(0, (int) Math.ceil(center - support));
            int hi = Math.min(in.length - 1, (int) Math.floor(center + support));
            double acc = 0;
            double weights = 0;
            for (int k = lo; k <= hi; k++) {
                double x = k - center;
                double w = cutoff * sinc(cutoff * x) * (0.5 + 0.5 * Math.cos(Math.PI * x / support));
                acc += w * in[k];
                weights += w;
            }
            double value = weights == 0 ? 0 : acc / weights;
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        }
        return out;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-9) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }
}
