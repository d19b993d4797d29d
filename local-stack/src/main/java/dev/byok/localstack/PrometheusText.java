package dev.byok.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scrape of a service's metrics in the Prometheus text format, read the way a dashboard
 * would: the sum of a metric over the series whose labels include the given ones.
 */
public record PrometheusText(String text) {

    /** @param name as exposed, e.g. {@code byok_worker_attempts_total}; 0 when no series matches */
    public double sum(String name, Map<String, String> labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int valueAt = line.lastIndexOf(' ');
            Map<String, String> seriesLabels = labels(line.substring(name.length(), valueAt));
            if (seriesLabels.entrySet().containsAll(labels.entrySet())) {
                total += Double.parseDouble(line.substring(valueAt + 1));
            }
        }
        return total;
    }

    private static Map<String, String> labels(String block) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (!block.startsWith("{")) {
            return labels;
        }
        String inner = block.substring(1, block.lastIndexOf('}'));
        for (String pair : inner.split(",(?=[a-zA-Z_]+=\")")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
            }
        }
        return labels;
    }
}
