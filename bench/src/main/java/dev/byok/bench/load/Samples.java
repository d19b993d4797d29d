package dev.byok.bench.load;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** A set of measurements (latencies in ms, ratios...), sorted once; percentiles by the nearest-rank method. */
public final class Samples {

    private final double[] sorted;

    private Samples(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public static Samples of(Collection<? extends Number> values) {
        return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static Samples of(double... values) {
        return new Samples(values);
    }

    public int count() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /**
     * The smallest value such that at least {@code p} percent of the samples are at or below it
     * (nearest rank: p99 of 100 samples is the 99th smallest). NaN when there are no samples.
     */
    public double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    public double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    public double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    /** The middle value (mean of the two middle ones for an even count); NaN values are ignored. */
    public static double median(List<Double> values) {
        double[] finite = values.stream().filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).sorted()
                .toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int mid = finite.length / 2;
        return finite.length % 2 == 1 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
    }
}
