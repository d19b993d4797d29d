package dev.byok.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget limit of an org crossed a threshold: its soft one ({@code Budget.alertAt}, 80 % by
 * default) or the limit itself. On {@code byok.budget.alerts}, keyed by orgId, published once per
 * crossing by the worker whose call crossed it, in the same transaction as that review's outcome.
 *
 * @param limit {@code tokensPerDay}, {@code tokensPerMonth}, {@code costPerDayUsd} or {@code costPerMonthUsd}
 * @param threshold the share of the limit crossed: {@code alertAt}, or 1 when the limit is spent
 * @param period the day ({@code 2026-12-05}) or month ({@code 2026-12}) the limit counts
 * @param used what the period had used after the call (tokens, or USD)
 * @param limitValue the limit (tokens, or USD)
 * @param resetsAt when the period ends and the limit has room again
 */
public record BudgetAlert(int schemaVersion, String orgId, String limit, double threshold, String period,
        BigDecimal used, BigDecimal limitValue, Instant resetsAt, Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
