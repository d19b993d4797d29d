package dev.byok.configservice.usage;

import dev.byok.configstore.ConfigTopicView;
import dev.byok.model.Budget;
import dev.byok.model.OrgConfigChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each org with a budget has spent of each limit and what is left, as gauges
 * ({@code byok_budget_spent{org,limit}}, {@code byok_budget_remaining{org,limit}}; tokens, or USD for the
 * cost limits), read every {@code interval} from the counters the workers keep in Redis. Only orgs with
 * a budget have series, so their number follows the budgets set, not the orgs configured.
 */
public final class BudgetGauges implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BudgetGauges.class);

    private final ConfigTopicView view;
    private final RedissonClient redis;
    private final String prefix;
    private final Clock clock;
    private final MultiGauge spent;
    private final MultiGauge remaining;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("budget-gauges").daemon().factory());

    public BudgetGauges(ConfigTopicView view, RedissonClient redis, String prefix, Clock clock, MeterRegistry meters,
            Duration interval) {
        this.view = view;
        this.redis = redis;
        this.prefix = prefix;
        this.clock = clock;
        this.spent = MultiGauge.builder("byok.budget.spent")
                .description("What an org has spent of a budget limit in its current period (tokens, or USD)")
                .register(meters);
        this.remaining = MultiGauge.builder("byok.budget.remaining")
                .description("What is left of a budget limit in its current period (tokens, or USD)")
                .register(meters);
        timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            List<MultiGauge.Row<?>> spentRows = new ArrayList<>();
            List<MultiGauge.Row<?>> remainingRows = new ArrayList<>();
            for (String org : view.orgIds()) {
                Budget budget = view.latest(org).map(OrgConfigChanged::budget).orElse(null);
                if (budget == null || !budget.limitsAnything()) {
                    continue;
                }
                String dayKey = prefix + "budget:{" + org + "}:d:" + day;
                String monthKey = prefix + "budget:{" + org + "}:m:" + YearMonth.from(day);
                add(spentRows, remainingRows, org, "tokensPerDay", toBig(budget.tokensPerDay()), read(dayKey, "spentTokens"));
                add(spentRows, remainingRows, org, "tokensPerMonth", toBig(budget.tokensPerMonth()),
                        read(monthKey, "spentTokens"));
                add(spentRows, remainingRows, org, "costPerDayUsd", budget.costPerDayUsd(),
                        read(dayKey, "spentMicro").movePointLeft(6));
                add(spentRows, remainingRows, org, "costPerMonthUsd", budget.costPerMonthUsd(),
                        read(monthKey, "spentMicro").movePointLeft(6));
            }
            spent.register(spentRows, true);
            remaining.register(remainingRows, true);
        } catch (RuntimeException e) {
            log.debug("Budget gauges not refreshed: {}", e.toString());
        }
    }

    private static void add(List<MultiGauge.Row<?>> spentRows, List<MultiGauge.Row<?>> remainingRows, String org,
            String limit, BigDecimal limitValue, BigDecimal used) {
        if (limitValue == null) {
            return;
        }
        Tags tags = Tags.of("org", org, "limit", limit);
        spentRows.add(MultiGauge.Row.of(tags, used.doubleValue()));
        remainingRows.add(MultiGauge.Row.of(tags, Math.max(0, limitValue.subtract(used).doubleValue())));
    }

    private BigDecimal read(String key, String field) {
        String value = redis.<String, String>getMap(key, StringCodec.INSTANCE).get(field);
        return value == null ? BigDecimal.ZERO : new BigDecimal(value);
    }

    private static BigDecimal toBig(Long value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
