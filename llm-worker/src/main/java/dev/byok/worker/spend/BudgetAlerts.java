package dev.byok.worker.spend;

import dev.byok.model.Budget;
import dev.byok.model.BudgetAlert;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which thresholds a settled call crossed. Each worker adds its call's usage atomically and gets back
 * the total after it, so of all the calls that cross a threshold together exactly one sees
 * {@code before < threshold <= after}: each alert is published once.
 */
public final class BudgetAlerts {

    private BudgetAlerts() {
    }

    /** Totals of the day and month after the call, and what the call added. */
    public record Totals(long dayTokens, long monthTokens, long dayMicroUsd, long monthMicroUsd) {
    }

    public static List<BudgetAlert> crossed(String orgId, Budget budget, Totals after, long addedTokens,
            long addedMicroUsd, BudgetPeriods periods, Instant now) {
        List<BudgetAlert> alerts = new ArrayList<>();
        tokens(alerts, orgId, budget, "tokensPerDay", budget.tokensPerDay(), after.dayTokens(), addedTokens,
                periods.dayName(), periods.dayResetsAt(), now);
        tokens(alerts, orgId, budget, "tokensPerMonth", budget.tokensPerMonth(), after.monthTokens(), addedTokens,
                periods.monthName(), periods.monthResetsAt(), now);
        cost(alerts, orgId, budget, "costPerDayUsd", budget.costPerDayUsd(), after.dayMicroUsd(), addedMicroUsd,
                periods.dayName(), periods.dayResetsAt(), now);
        cost(alerts, orgId, budget, "costPerMonthUsd", budget.costPerMonthUsd(), after.monthMicroUsd(), addedMicroUsd,
                periods.monthName(), periods.monthResetsAt(), now);
        return alerts;
    }

    private static void tokens(List<BudgetAlert> alerts, String orgId, Budget budget, String name, Long limit,
            long after, long added, String period, Instant resets, Instant now) {
        if (limit != null) {
            check(alerts, orgId, budget, name, limit.doubleValue(), after, added, period, BigDecimal.valueOf(after),
                    BigDecimal.valueOf(limit), resets, now);
        }
    }

    private static void cost(List<BudgetAlert> alerts, String orgId, Budget budget, String name, BigDecimal limit,
            long afterMicro, long addedMicro, String period, Instant resets, Instant now) {
        if (limit != null) {
            check(alerts, orgId, budget, name, limit.movePointRight(6).doubleValue(), afterMicro, addedMicro, period,
                    BigDecimal.valueOf(afterMicro).movePointLeft(6), limit, resets, now);
        }
    }

    private static void check(List<BudgetAlert> alerts, String orgId, Budget budget, String name, double limit,
            long after, long added, String period, BigDecimal used, BigDecimal limitValue, Instant resets, Instant now) {
        long before = after - added;
        double[] shares = budget.alertAt() < 1.0 ? new double[] {budget.alertAt(), 1.0} : new double[] {1.0};
        for (double share : shares) {
            double threshold = share * limit;
            if (before < threshold && after >= threshold) {
                alerts.add(new BudgetAlert(BudgetAlert.SCHEMA_VERSION, orgId, name, share, period, used, limitValue,
                        resets, now));
            }
        }
    }
}
