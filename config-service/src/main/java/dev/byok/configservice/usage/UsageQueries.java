package dev.byok.configservice.usage;

import dev.byok.configstore.prices.PriceTable;
import dev.byok.configstore.prices.TokenCounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Usage reports from the ledger, priced by the price table. */
public final class UsageQueries {

    private final UsageLedger ledger;
    private final PriceTable prices;

    public UsageQueries(UsageLedger ledger, PriceTable prices) {
        this.ledger = ledger;
        this.prices = prices;
    }

    public UsageReport org(String orgId, Granularity granularity, Instant from, Instant to) {
        Map<Instant, Map<UsageLine, TokenCounts>> buckets = ledger.read(orgId, granularity, from, to);
        List<UsageReport.Row> rows = new ArrayList<>();
        Map<UsageLine, TokenCounts> totals = new LinkedHashMap<>();
        TreeSet<String> unpriced = new TreeSet<>();
        buckets.forEach((start, lines) -> lines.forEach((line, counts) -> {
            rows.add(row(start, line, counts, unpriced));
            totals.merge(line, counts, TokenCounts::plus);
        }));
        List<UsageReport.Row> totalRows = new ArrayList<>();
        BigDecimal cost = BigDecimal.ZERO;
        for (Map.Entry<UsageLine, TokenCounts> total : totals.entrySet()) {
            UsageReport.Row row = row(null, total.getKey(), total.getValue(), unpriced);
            totalRows.add(row);
            cost = row.estimatedCostUsd() == null ? cost : cost.add(row.estimatedCostUsd());
        }
        return new UsageReport(orgId, granularity.wire(), from, to, rows, totalRows, cost, List.copyOf(unpriced),
                prices.asOf());
    }

    public UsageReport.AcrossOrgs allOrgs(Instant from, Instant to) {
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate afterLast = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC).plusDays(1);
        List<UsageReport.OrgTotal> orgs = new ArrayList<>();
        BigDecimal cost = BigDecimal.ZERO;
        for (String org : ledger.orgsWithUsage(firstDay, afterLast)) {
            UsageReport report = org(org, Granularity.DAY, from, to);
            TokenCounts sum = report.totals().stream()
                    .map(r -> new TokenCounts(r.reviews(), r.inputTokens(), r.outputTokens(), r.reasoningTokens(),
                            r.cachedTokens()))
                    .reduce(TokenCounts.ZERO, TokenCounts::plus);
            orgs.add(new UsageReport.OrgTotal(org, sum.reviews(), sum.inputTokens(), sum.outputTokens(),
                    sum.reasoningTokens(), sum.cachedTokens(), report.estimatedCostUsd()));
            cost = cost.add(report.estimatedCostUsd());
        }
        return new UsageReport.AcrossOrgs(from, to, orgs, cost, prices.asOf());
    }

    private UsageReport.Row row(Instant start, UsageLine line, TokenCounts counts, TreeSet<String> unpriced) {
        Optional<PriceTable.Price> price = prices.priceOf(line.provider(), line.model());
        if (price.isEmpty()) {
            unpriced.add(line.provider() + "/" + line.model());
        }
        return new UsageReport.Row(start, line.slot(), line.provider(), line.model(), counts.reviews(),
                counts.inputTokens(), counts.outputTokens(), counts.reasoningTokens(), counts.cachedTokens(),
                price.map(p -> PriceTable.cost(counts, p)).orElse(null));
    }
}
