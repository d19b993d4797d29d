package dev.byok.systemtests;

import dev.byok.localstack.RepoLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/metrics.md's table, the metrics the dashboard and alert rules may name: name, type and the
 * services that export it.
 */
record MetricsCatalogue(Map<String, Entry> entries) {

    record Entry(String name, String type, String services) {

        boolean exportedBy(String service) {
            return services.equals("all") || Set.of(services.split(",\\s*")).contains(service);
        }
    }

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_:]+)` \\| (counter|gauge|histogram) \\| ([a-z, -]+) \\|");
    /** Metric names in PromQL: ours and the Kafka clients', and Prometheus' own {@code up}. */
    private static final Pattern NAME_IN_QUERY = Pattern.compile("\\b((?:byok|kafka)_[a-z0-9_]+|up)\\b(?!\\s*\\()");

    static MetricsCatalogue read() throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RepoLayout.root().resolve("docs/metrics.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                entries.put(row.group(1), new Entry(row.group(1), row.group(2), row.group(3)));
            }
        }
        return new MetricsCatalogue(entries);
    }

    /** The metric names a PromQL expression reads, histogram series mapped to their histogram. */
    static Set<String> namesIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = NAME_IN_QUERY.matcher(promql.replaceAll("\"[^\"]*\"", "\"\""));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** True when the name is a catalogued metric, or a series of a catalogued histogram (with Micrometer's _max). */
    boolean knows(String name) {
        if (name.equals("up") || entries.containsKey(name)) {
            return true;
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_max"}) {
            if (name.endsWith(suffix)) {
                Entry entry = entries.get(name.substring(0, name.length() - suffix.length()));
                if (entry != null && entry.type().equals("histogram")) {
                    return true;
                }
            }
        }
        return false;
    }
}
