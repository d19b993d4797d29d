package dev.byok.worker.spend;

import dev.byok.configstore.prices.PriceTable;
import dev.byok.model.Budget;
import dev.byok.model.BudgetAlert;
import dev.byok.model.ChatMessage;
import dev.byok.model.RequestQuota;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a review's call may start as far as money and request quotas go, and the accounting after
 * it: the slot's quota is counted first, then the org's budget is reserved with the call's
 * {@link Estimate}; after the call the reservation is settled with the usage the provider reported,
 * and any threshold the settlement crossed comes back as an alert to publish.
 */
public final class SpendGate {

    /** How soon a call held back by reservations in flight asks again: about one call's settling. */
    static final java.time.Duration HELD_RETRY = java.time.Duration.ofMillis(500);

    private final RedisSpendLimits limits;
    private final PriceTable prices;
    private final long defaultOutputTokens;
    private final MeterRegistry meters;
    private final Clock clock;

    public SpendGate(RedisSpendLimits limits, PriceTable prices, long defaultOutputTokens, MeterRegistry meters,
            Clock clock) {
        this.limits = limits;
        this.prices = prices;
        this.defaultOutputTokens = defaultOutputTokens;
        this.meters = meters;
        this.clock = clock;
    }

    /** What may happen to the call. */
    public sealed interface Admission {
    }

    /** The call may start; settle it afterwards. */
    public record Go(Call call) implements Admission {
    }

    /** The slot's request quota is used up until {@code until}. */
    public record QuotaFull(RequestQuota quota, Instant until) implements Admission {
    }

    /** {@code limit} of the org's budget has no room for the call's estimate until {@code resetsAt}. */
    public record BudgetSpent(Budget budget, String limit, Instant resetsAt, Estimate estimate) implements Admission {
    }

    /**
     * The budget has room for the call only if calls in flight use less than they reserved: ask again
     * when they have settled ({@code retryAt}), instead of failing a review the budget may still take.
     */
    public record BudgetHeld(String limit, Instant retryAt) implements Admission {
    }

    /** An admitted call: what to settle when it ends. */
    public record Call(String orgId, String callId, Budget budget, Optional<PriceTable.Price> price) {
    }

    public Admission admit(String orgId, String callId, Slot slot, SlotSettings settings, Budget budget,
            List<ChatMessage> messages) {
        RequestQuota quota = settings.requestQuota();
        if (quota != null) {
            Optional<Instant> full = limits.takeQuota(orgId, slot, quota, callId);
            if (full.isPresent()) {
                Counter.builder("byok.worker.quota.full").description("Calls held back by a slot's request quota")
                        .tag("org", orgId).tag("slot", slot.wire()).register(meters).increment();
                return new QuotaFull(quota, full.get());
            }
        }
        Optional<PriceTable.Price> price = prices.priceOf(settings.provider().wire(), settings.model());
        if (budget == null || !budget.limitsAnything()) {
            return new Go(new Call(orgId, callId, null, price));
        }
        Estimate estimate = Estimate.of(messages, settings, price, defaultOutputTokens);
        Optional<String> refused = limits.reserve(orgId, callId, budget, estimate);
        if (refused.isPresent()) {
            if (quota != null) {
                limits.returnQuota(orgId, slot, callId);
            }
            String limit = refused.get().substring(refused.get().indexOf(':') + 1);
            if (refused.get().startsWith("held:")) {
                return new BudgetHeld(limit, clock.instant().plus(HELD_RETRY));
            }
            Counter.builder("byok.worker.budget.refusals").description("Calls a budget had no room for")
                    .tag("org", orgId).tag("limit", limit).register(meters).increment();
            BudgetPeriods periods = BudgetPeriods.at(clock.instant());
            Instant resets = limit.contains("PerDay") ? periods.dayResetsAt() : periods.monthResetsAt();
            return new BudgetSpent(budget, limit, resets, estimate);
        }
        return new Go(new Call(orgId, callId, budget, price));
    }

    /**
     * Counts what the call used against its budget ({@code usage} null: the call failed and reported
     * nothing, so its reservation is only given back) and returns the alerts it crossed.
     */
    public List<BudgetAlert> settle(Call call, Usage usage) {
        if (call.budget() == null) {
            return List.of();
        }
        long input = usage == null || usage.inputTokens() == null ? 0 : usage.inputTokens();
        long output = usage == null || usage.outputTokens() == null ? 0 : usage.outputTokens();
        long cached = usage == null || usage.cachedTokens() == null ? 0 : usage.cachedTokens();
        long micro = Estimate.actualMicroUsd(input, cached, output, call.price());
        BudgetAlerts.Totals totals = limits.settle(call.orgId(), call.callId(), input + output, micro);
        Instant now = clock.instant();
        return BudgetAlerts.crossed(call.orgId(), call.budget(), totals, input + output, micro, BudgetPeriods.at(now), now);
    }
}
