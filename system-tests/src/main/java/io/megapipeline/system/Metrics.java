package io.megapipeline.system;

import java.util.ArrayList;
import java.util.List;

/** One scrape of a service's Prometheus metrics, e.g. {@code pipeline_stage_engine_duration_seconds_sum{stage="x"} 1.5}. */
final class Metrics {

    private record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples;

    private Metrics(List<Sample> samples) {
        this.samples = samples;
    }

    static Metrics parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String series = line.substring(0, space);
            String name = brace > 0 && brace < space ? series.substring(0, brace) : series;
            try {
                samples.add(new Sample(name, series.substring(name.length()), Double.parseDouble(line.substring(space + 1))));
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return new Metrics(samples);
    }

    /** The sum of every sample of {@code name} that has all the given labels, e.g. {@code "stage", "gateway"}. */
    double get(String name, String... labels) {
        double sum = 0;
        for (Sample sample : samples) {
            if (sample.name.equals(name) && hasLabels(sample.labels, labels)) {
                sum += sample.value;
            }
        }
        return sum;
    }

    /** How much {@code name} (with the labels) grew since an earlier scrape. */
    double since(Metrics earlier, String name, String... labels) {
        return get(name, labels) - earlier.get(name, labels);
    }

    private static boolean hasLabels(String series, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!series.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
