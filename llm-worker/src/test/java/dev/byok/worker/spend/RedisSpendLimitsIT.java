package dev.byok.worker.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.configstore.redis.RedisConnection;
import dev.byok.localstack.Infrastructure;
import dev.byok.model.Budget;
import dev.byok.model.RequestQuota;
import dev.byok.model.Slot;
import dev.byok.worker.review.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/** Budgets and quotas against the real Redis: several clients at once, as several workers are. */
class RedisSpendLimitsIT {

    private static final Instant NOON = Instant.parse("2026-12-05T12:00:00Z");

    private static final List<RedissonClient> WORKERS = new ArrayList<>();

    private final String prefix = "byok-test-" + UUID.randomUUID() + ":";
    private final TestClock clock = new TestClock(NOON);

    @BeforeAll
    static void connect() {
        for (int i = 0; i < 3; i++) {
            WORKERS.add(Redisson.create(RedisConnection.config(Infrastructure.redisUrl())));
        }
    }

    @AfterAll
    static void disconnect() {
        WORKERS.forEach(RedissonClient::shutdown);
    }

    @Test
    void threeWorkersReservingTogetherNeverSpendMoreThanTheBudget() throws Exception {
        Budget budget = new Budget(10_000L, null, null, null, Budget.OnExceeded.FAIL, null);
        Estimate estimate = new Estimate(700, 0, true);
        AtomicLong spent = new AtomicLong();
        AtomicLong admitted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> done = new ArrayList<>();
        for (int call = 0; call < 60; call++) {
            RedisSpendLimits limits = new RedisSpendLimits(WORKERS.get(call % 3), prefix, clock, Duration.ofMinutes(5));
            String id = "review-" + call;
            long used = 400 + (call * 37) % 300; // below the estimate, as a bounded estimate always is
            done.add(pool.submit((Callable<Void>) () -> {
                if (limits.reserve("acme", id, budget, estimate).isEmpty()) {
                    admitted.incrementAndGet();
                    limits.settle("acme", id, used, 0);
                    spent.addAndGet(used);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(spent.get()).isLessThanOrEqualTo(10_000L);
        assertThat(admitted.get()).as("the budget was used, not refused wholesale").isGreaterThanOrEqualTo(14);
        RedisSpendLimits reader = new RedisSpendLimits(WORKERS.get(0), prefix, clock, Duration.ofMinutes(5));
        assertThat(reader.spent("acme").dayTokens()).isEqualTo(spent.get());
        assertThat(reader.reserve("acme", "one-more", budget, new Estimate(10_000 - spent.get() + 1, 0, true)))
                .contains("spent:tokensPerDay");
    }

    @Test
    void aReservationOfAWorkerThatDiedIsGivenBackWhenItExpires() {
        Budget budget = new Budget(1_000L, null, null, null, Budget.OnExceeded.FAIL, null);
        RedisSpendLimits died = new RedisSpendLimits(WORKERS.get(0), prefix, clock, Duration.ofMinutes(5));
        RedisSpendLimits alive = new RedisSpendLimits(WORKERS.get(1), prefix, clock, Duration.ofMinutes(5));

        assertThat(died.reserve("acme", "lost-call", budget, new Estimate(900, 0, true))).isEmpty();
        assertThat(alive.reserve("acme", "next", budget, new Estimate(200, 0, true)))
                .as("room only if the reservation in flight settles lower").contains("held:tokensPerDay");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(alive.reserve("acme", "next", budget, new Estimate(200, 0, true))).isEmpty();
    }

    @Test
    void costLimitsCountMicroDollarsAndMonthsCountAcrossDays() {
        Budget budget = new Budget(null, 5_000L, new java.math.BigDecimal("0.010"), null, Budget.OnExceeded.FAIL, null);
        RedisSpendLimits limits = new RedisSpendLimits(WORKERS.get(2), prefix, clock, Duration.ofMinutes(5));

        assertThat(limits.reserve("acme", "a", budget, new Estimate(1_000, 6_000, true))).isEmpty();
        limits.settle("acme", "a", 1_000, 6_000);
        assertThat(limits.reserve("acme", "b", budget, new Estimate(1_000, 6_000, true))).contains("spent:costPerDayUsd");
        clock.advance(Duration.ofDays(1));
        assertThat(limits.reserve("acme", "b", budget, new Estimate(3_000, 6_000, true))).isEmpty();
        limits.settle("acme", "b", 3_000, 6_000);
        assertThat(limits.reserve("acme", "c", budget, new Estimate(1_001, 0, true))).contains("spent:tokensPerMonth");
    }

    @Test
    void aQuotaHoldsAcrossWorkersInEverySlidingWindow() {
        RequestQuota quota = new RequestQuota(10, Duration.ofMinutes(1), RequestQuota.OnExceeded.WAIT);
        List<RedisSpendLimits> workers = WORKERS.stream()
                .map(w -> new RedisSpendLimits(w, prefix, clock, Duration.ofMinutes(5))).toList();
        int taken = 0;
        Optional<Instant> full = Optional.empty();
        for (int call = 0; call < 12; call++) {
            Optional<Instant> answer = workers.get(call % 3).takeQuota("acme", Slot.MAIN, quota, "call-" + call);
            if (answer.isEmpty()) {
                taken++;
            } else {
                full = answer;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(taken).isEqualTo(10);
        assertThat(full).contains(NOON.plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(48)); // a minute after the first call: its place is free again, no other
        assertThat(workers.get(0).takeQuota("acme", Slot.MAIN, quota, "late-1")).isEmpty();
        assertThat(workers.get(1).takeQuota("acme", Slot.MAIN, quota, "late-2")).isPresent();
        assertThat(workers.get(1).takeQuota("acme", Slot.FALLBACK, quota, "other-slot")).as("each slot its own").isEmpty();
    }
}
