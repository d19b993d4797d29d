package dev.byok.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker's metrics are tagged (docs/metrics.md).
 *
 * @param histogramsPerOrg {@code auto}, {@code true} or {@code false}: whether the histograms are per
 *        org; {@code auto} keeps them per org while at most {@code histogramsPerOrgLimit} orgs are
 *        configured, then tags them {@code org="_all"} until the worker restarts
 * @param histogramsPerOrgLimit the org count above which {@code auto} stops histograms per org
 */
@ConfigurationProperties("byok.metrics")
public record MetricsProperties(
        @DefaultValue("auto") String histogramsPerOrg,
        @DefaultValue("500") int histogramsPerOrgLimit) {

    public MetricsProperties {
        if (!java.util.Set.of("auto", "true", "false").contains(histogramsPerOrg)) {
            throw new IllegalArgumentException("byok.metrics.histograms-per-org must be auto, true or false, not "
                    + histogramsPerOrg);
        }
        if (histogramsPerOrgLimit < 0) {
            throw new IllegalArgumentException("byok.metrics.histograms-per-org-limit must not be negative");
        }
    }
}
