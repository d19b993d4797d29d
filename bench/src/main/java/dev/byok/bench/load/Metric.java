package dev.byok.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the result table: a measured quantity, its value in each run, the median and the
 * issue's target for it. A run that could not measure the quantity records NaN.
 */
public final class Metric {

    /** How a value is printed. */
    public enum Unit {
        RATIO("%.3f"), MS("%.1f ms"), PER_SECOND("%,.0f/s"), COUNT("%,.0f"), SECONDS("%.1f s");

        private final String format;

        Unit(String format) {
            this.format = format;
        }

        public String format(double value) {
            return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
        }
    }

    /** What the issue asks of the median; {@code NONE} for context lines. */
    public record Target(String text, double bound, boolean atLeast) {

        public static final Target NONE = new Target("", Double.NaN, false);

        public static Target atLeast(double bound, String text) {
            return new Target(text, bound, true);
        }

        public static Target atMost(double bound, String text) {
            return new Target(text, bound, false);
        }

        public boolean isSet() {
            return !Double.isNaN(bound);
        }

        public boolean metBy(double value) {
            if (!isSet() || Double.isNaN(value)) {
                return false;
            }
            return atLeast ? value >= bound : value <= bound;
        }
    }

    private final String name;
    private final Unit unit;
    private final Target target;
    private final List<Double> runs = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public Metric(String name, Unit unit, Target target) {
        this.name = name;
        this.unit = unit;
        this.target = target;
    }

    public Metric add(double value) {
        runs.add(value);
        return this;
    }

    /** Something that fails the target whatever the median (e.g. a cap violation); shown in the verdict. */
    public Metric problem(String problem) {
        problems.add(problem);
        return this;
    }

    public String name() {
        return name;
    }

    public List<Double> runs() {
        return List.copyOf(runs);
    }

    public double median() {
        return Samples.median(runs);
    }

    public String format(double value) {
        return unit.format(value);
    }

    public Target target() {
        return target;
    }

    public String verdict() {
        if (!target.isSet()) {
            return "";
        }
        if (runs.isEmpty()) {
            return "not run";
        }
        if (!problems.isEmpty()) {
            return "MISSED (" + String.join("; ", problems) + ")";
        }
        return target.metBy(median()) ? "met" : "MISSED";
    }
}
