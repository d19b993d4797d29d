package dev.byok.worker;

import dev.byok.configstore.ConfigTopicView;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tells the histogram filter about every config change, so that when the orgs pass the limit the
 * per-org histograms registered before are removed at once rather than exported until a restart.
 */
final class HistogramOrgTagSwitch {

    HistogramOrgTagSwitch(HistogramOrgTagFilter filter, ConfigTopicView view, MeterRegistry meters) {
        filter.dropPerOrgHistograms(meters);
        view.onChange(change -> filter.dropPerOrgHistograms(meters));
    }
}
