package dev.byok.configservice.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An org's usage over a range: one row per bucket and line, the totals per line, and the estimated
 * cost where the model has a price. {@code unpriced} names the models the estimate leaves out.
 */
public record UsageReport(String orgId, String granularity, Instant from, Instant to, List<Row> buckets,
        List<Row> totals, BigDecimal estimatedCostUsd, List<String> unpriced, LocalDate pricesAsOf) {

    /** Usage of one line (slot, provider, model), in one bucket (or over the whole range for a total). */
    public record Row(@JsonInclude(JsonInclude.Include.NON_NULL) Instant start, String slot, String provider,
            String model, long reviews, long inputTokens, long outputTokens, long reasoningTokens, long cachedTokens,
            BigDecimal estimatedCostUsd) {
    }

    /** Usage of every org with usage in a range (admins). */
    public record AcrossOrgs(Instant from, Instant to, List<OrgTotal> orgs, BigDecimal estimatedCostUsd,
            LocalDate pricesAsOf) {
    }

    /** One org's totals in a range. */
    public record OrgTotal(String orgId, long reviews, long inputTokens, long outputTokens, long reasoningTokens,
            long cachedTokens, BigDecimal estimatedCostUsd) {
    }
}
