package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * An org's spending limits, enforced across all workers: tokens (input plus output, as the provider
 * counts them) and estimated cost in USD, per UTC day and per UTC calendar month; a null limit is no
 * limit. A review is admitted only if every limit has room for its estimate (README, "Spend, budgets,
 * quotas"). When a limit is spent, {@code onExceeded} says whether reviews fail at once with
 * {@code BUDGET_EXCEEDED} ({@code fail}) or wait for the reset within their deadline ({@code wait}).
 * {@code alertAt} (a fraction, 0.8 by default) is the share of a limit at which an alert is published
 * on {@code byok.budget.alerts}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Budget(
        Long tokensPerDay,
        Long tokensPerMonth,
        BigDecimal costPerDayUsd,
        BigDecimal costPerMonthUsd,
        OnExceeded onExceeded,
        Double alertAt) {

    public Budget {
        onExceeded = onExceeded == null ? OnExceeded.FAIL : onExceeded;
        alertAt = alertAt == null ? 0.8 : alertAt;
    }

    public boolean limitsAnything() {
        return tokensPerDay != null || tokensPerMonth != null || costPerDayUsd != null || costPerMonthUsd != null;
    }

    /** What happens to a review when a limit has no room for it. */
    public enum OnExceeded {
        @com.fasterxml.jackson.annotation.JsonProperty("fail") FAIL,
        @com.fasterxml.jackson.annotation.JsonProperty("wait") WAIT
    }
}
