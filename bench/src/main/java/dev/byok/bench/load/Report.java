package dev.byok.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The numbers of all runs, in the order scenarios report them, with notes that explain them. */
public final class Report {

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    public synchronized Metric metric(String name, Metric.Unit unit, Metric.Target target) {
        return metrics.computeIfAbsent(name, n -> new Metric(n, unit, target));
    }

    public synchronized Metric existing(String name) {
        return metrics.get(name);
    }

    public synchronized void note(String section, String line) {
        notes.computeIfAbsent(section, s -> new ArrayList<>()).add(line);
    }

    public synchronized List<Metric> metrics() {
        return List.copyOf(metrics.values());
    }

    public synchronized Map<String, List<String>> notes() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        notes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }
}
