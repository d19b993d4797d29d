package dev.byok.worker;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Drops the {@code org} tag from the worker's histograms when there are too many orgs for one
 * histogram (about 70 bucket series) per org: 10,000 orgs would be millions of series. The choice is
 * made once, when the first histogram is registered (by then the config view has read every org),
 * and then kept for the life of the process: Prometheus needs one tag set per metric name.
 * Counters and gauges keep their {@code org} tag.
 */
final class HistogramOrgTagFilter implements MeterFilter {

    /** The worker's histograms that carry an {@code org} tag. */
    static final Set<String> HISTOGRAMS = Set.of("byok.worker.provider.latency", "byok.worker.permits.wait");

    private final String setting;
    private final int limit;
    private final IntSupplier orgsConfigured;
    private volatile Boolean perOrg;

    HistogramOrgTagFilter(MetricsProperties properties, IntSupplier orgsConfigured) {
        this.setting = properties.histogramsPerOrg();
        this.limit = properties.histogramsPerOrgLimit();
        this.orgsConfigured = orgsConfigured;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!HISTOGRAMS.contains(id.getName()) || perOrg()) {
            return id;
        }
        List<Tag> kept = id.getTags().stream().filter(tag -> !tag.getKey().equals("org")).toList();
        return id.replaceTags(kept);
    }

    /** Decided on first use, then fixed. */
    boolean perOrg() {
        Boolean decided = perOrg;
        if (decided == null) {
            synchronized (this) {
                if (perOrg == null) {
                    perOrg = decide(setting, limit, orgsConfigured.getAsInt());
                }
                decided = perOrg;
            }
        }
        return decided;
    }

    static boolean decide(String setting, int limit, int orgs) {
        return switch (setting) {
            case "true" -> true;
            case "false" -> false;
            default -> orgs <= limit;
        };
    }
}
