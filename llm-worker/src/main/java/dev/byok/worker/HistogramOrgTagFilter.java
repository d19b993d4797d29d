package dev.byok.worker;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Keeps the worker's histograms per org only while there are few orgs: each histogram has about 70
 * bucket series, so 10,000 orgs would be millions of series. In {@code auto} mode the histograms are
 * per org until the number of configured orgs passes the limit, then every org's observations go to
 * one histogram tagged {@code org="_all"} for the rest of the process's life (a deployment that
 * grows past the limit while a worker runs measured 150,000 series at 1,000 orgs before this: the
 * choice used to be made once, at the first observation, when a fresh deployment has few orgs).
 * The tag key stays, so the same name never has two tag sets, which Prometheus would refuse.
 */
final class HistogramOrgTagFilter implements MeterFilter {

    /** The worker's histograms that carry an {@code org} tag. */
    static final Set<String> HISTOGRAMS = Set.of("byok.worker.provider.latency", "byok.worker.permits.wait");
    /** The {@code org} tag's value on the histograms once they are no longer per org. */
    static final String ALL_ORGS = "_all";

    private final String setting;
    private final int limit;
    private final IntSupplier orgsConfigured;
    /** Set once the configured orgs have passed the limit in {@code auto} mode; never cleared. */
    private volatile boolean tooManyOrgs;
    private final java.util.concurrent.atomic.AtomicBoolean perOrgDropped = new java.util.concurrent.atomic.AtomicBoolean();

    HistogramOrgTagFilter(MetricsProperties properties, IntSupplier orgsConfigured) {
        this.setting = properties.histogramsPerOrg();
        this.limit = properties.histogramsPerOrgLimit();
        this.orgsConfigured = orgsConfigured;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!HISTOGRAMS.contains(id.getName()) || id.getTag("org") == null || perOrg()) {
            return id;
        }
        return id.withTag(Tag.of("org", ALL_ORGS));
    }

    /** Whether a histogram registered now is per org. */
    boolean perOrg() {
        return switch (setting) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                if (!tooManyOrgs && orgsConfigured.getAsInt() > limit) {
                    tooManyOrgs = true;
                }
                yield !tooManyOrgs;
            }
        };
    }

    /**
     * Once the histograms are no longer per org, removes the per-org ones registered before, so that
     * their series stop being exported; returns how many went. Does the work once: cheap to call on
     * every config change.
     */
    int dropPerOrgHistograms(MeterRegistry registry) {
        if (perOrg() || !perOrgDropped.compareAndSet(false, true)) {
            return 0;
        }
        List<Meter> perOrg = registry.getMeters().stream().filter(meter -> HISTOGRAMS.contains(meter.getId().getName()))
                .filter(meter -> !ALL_ORGS.equals(meter.getId().getTag("org"))).toList();
        perOrg.forEach(registry::remove);
        return perOrg.size();
    }
}
