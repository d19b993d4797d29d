package dev.byok.worker.spend;

import dev.byok.model.Budget;
import dev.byok.model.RequestQuota;
import dev.byok.model.Slot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Budgets and quotas in Redis, one script per decision so that every worker sees and changes the same
 * numbers at once. Key layout under the shared prefix, all of an org's keys under the hash tag
 * {@code {org}}: {@code budget:{org}:d:<day>} and {@code budget:{org}:m:<month>} (hashes of spent and
 * reserved tokens and micro-dollars), {@code budget:{org}:res} (each open reservation: its amounts and
 * the period keys it was taken from) with {@code budget:{org}:res:exp} (when each expires, so a
 * reservation of a worker that died is given back), and {@code quota:{org}:<slot>} (a sorted set of the
 * calls started in the window).
 */
public final class RedisSpendLimits {

    // Amounts are taken back with 0 - x, never -x: Lua's -0 reaches Redis as "-0", which HINCRBY refuses.
    private static final String RESERVE = """
            local expired = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', ARGV[1])
            for _, id in ipairs(expired) do
              local r = redis.call('HGET', KEYS[3], id)
              if r then
                local t, m, d, mo = string.match(r, '^(%d+),(%d+),([^,]+),([^,]+)$')
                redis.call('HINCRBY', d, 'reservedTokens', 0 - tonumber(t))
                redis.call('HINCRBY', d, 'reservedMicro', 0 - tonumber(m))
                redis.call('HINCRBY', mo, 'reservedTokens', 0 - tonumber(t))
                redis.call('HINCRBY', mo, 'reservedMicro', 0 - tonumber(m))
                redis.call('HDEL', KEYS[3], id)
              end
              redis.call('ZREM', KEYS[4], id)
            end
            if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 then
              return ''
            end
            -- 'spent': the limit cannot take the call even when every open reservation is settled;
            -- 'held': it could, once calls in flight settle below their estimates.
            local function over(key, spentField, reservedField, add, limit)
              if tonumber(limit) <= 0 then return nil end
              local spent = tonumber(redis.call('HGET', key, spentField) or '0')
              local reserved = tonumber(redis.call('HGET', key, reservedField) or '0')
              if spent + tonumber(add) > tonumber(limit) then return 'spent' end
              if spent + reserved + tonumber(add) > tonumber(limit) then return 'held' end
              return nil
            end
            local checks = {{KEYS[1], 'spentTokens', 'reservedTokens', ARGV[4], ARGV[6], 'tokensPerDay'},
                            {KEYS[2], 'spentTokens', 'reservedTokens', ARGV[4], ARGV[7], 'tokensPerMonth'},
                            {KEYS[1], 'spentMicro', 'reservedMicro', ARGV[5], ARGV[8], 'costPerDayUsd'},
                            {KEYS[2], 'spentMicro', 'reservedMicro', ARGV[5], ARGV[9], 'costPerMonthUsd'}}
            for _, c in ipairs(checks) do
              local verdict = over(c[1], c[2], c[3], c[4], c[5])
              if verdict then return verdict .. ':' .. c[6] end
            end
            redis.call('HINCRBY', KEYS[1], 'reservedTokens', ARGV[4])
            redis.call('HINCRBY', KEYS[1], 'reservedMicro', ARGV[5])
            redis.call('HINCRBY', KEYS[2], 'reservedTokens', ARGV[4])
            redis.call('HINCRBY', KEYS[2], 'reservedMicro', ARGV[5])
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[4] .. ',' .. ARGV[5] .. ',' .. KEYS[1] .. ',' .. KEYS[2])
            redis.call('ZADD', KEYS[4], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[3])
            for i = 1, 4 do redis.call('EXPIRE', KEYS[i], ARGV[10]) end
            return ''
            """;

    private static final String SETTLE = """
            local r = redis.call('HGET', KEYS[3], ARGV[1])
            if r then
              local t, m, d, mo = string.match(r, '^(%d+),(%d+),([^,]+),([^,]+)$')
              redis.call('HINCRBY', d, 'reservedTokens', 0 - tonumber(t))
              redis.call('HINCRBY', d, 'reservedMicro', 0 - tonumber(m))
              redis.call('HINCRBY', mo, 'reservedTokens', 0 - tonumber(t))
              redis.call('HINCRBY', mo, 'reservedMicro', 0 - tonumber(m))
              redis.call('HDEL', KEYS[3], ARGV[1])
              redis.call('ZREM', KEYS[4], ARGV[1])
            end
            local dt = redis.call('HINCRBY', KEYS[1], 'spentTokens', ARGV[2])
            local dm = redis.call('HINCRBY', KEYS[1], 'spentMicro', ARGV[3])
            local mt = redis.call('HINCRBY', KEYS[2], 'spentTokens', ARGV[2])
            local mm = redis.call('HINCRBY', KEYS[2], 'spentMicro', ARGV[3])
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            redis.call('EXPIRE', KEYS[2], ARGV[4])
            return {dt, mt, dm, mm}
            """;

    private static final String TAKE_QUOTA = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return tonumber(oldest[2]) + tonumber(ARGV[2])
            end
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 0
            """;

    /** Period keys outlive their month by a little: a month's total is read until it resets. */
    private static final Duration PERIOD_KEYS_KEPT = Duration.ofDays(40);

    private final RedissonClient redis;
    private final String prefix;
    private final Clock clock;
    private final Duration reservationKeptFor;

    /**
     * @param reservationKeptFor how long a reservation holds if its call is never settled (the worker
     *     died): longer than any call's deadline
     */
    public RedisSpendLimits(RedissonClient redis, String prefix, Clock clock, Duration reservationKeptFor) {
        this.redis = redis;
        this.prefix = prefix;
        this.clock = clock;
        this.reservationKeptFor = reservationKeptFor;
    }

    /**
     * Reserves {@code estimate} for the call {@code callId}; empty if every limit had room, else
     * {@code spent:<limit>} (the limit cannot take it at all) or {@code held:<limit>} (it could once the
     * calls in flight settle).
     */
    public java.util.Optional<String> reserve(String orgId, String callId, Budget budget, Estimate estimate) {
        Instant now = clock.instant();
        BudgetPeriods periods = BudgetPeriods.at(now);
        String refused = script().eval(RScript.Mode.READ_WRITE, RESERVE, RScript.ReturnType.VALUE,
                List.of(dayKey(orgId, periods), monthKey(orgId, periods), reservations(orgId), reservations(orgId) + ":exp"),
                Long.toString(now.toEpochMilli()), Long.toString(reservationKeptFor.toMillis()), callId,
                Long.toString(estimate.tokens()), Long.toString(estimate.microUsd()),
                limit(budget.tokensPerDay()), limit(budget.tokensPerMonth()), micro(budget.costPerDayUsd()),
                micro(budget.costPerMonthUsd()), Long.toString(PERIOD_KEYS_KEPT.toSeconds()));
        return refused == null || refused.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(refused);
    }

    /** Gives the call's reservation back and counts what it used; the period totals after it. */
    public BudgetAlerts.Totals settle(String orgId, String callId, long tokens, long microUsd) {
        BudgetPeriods periods = BudgetPeriods.at(clock.instant());
        List<Long> totals = script().eval(RScript.Mode.READ_WRITE, SETTLE, RScript.ReturnType.LIST,
                List.of(dayKey(orgId, periods), monthKey(orgId, periods), reservations(orgId), reservations(orgId) + ":exp"),
                callId, Long.toString(tokens), Long.toString(microUsd), Long.toString(PERIOD_KEYS_KEPT.toSeconds()));
        return new BudgetAlerts.Totals(totals.get(0), totals.get(1), totals.get(2), totals.get(3));
    }

    /**
     * Counts a call of the slot in its quota's window; empty if there was room, else when the window
     * will have room again.
     */
    public java.util.Optional<Instant> takeQuota(String orgId, Slot slot, RequestQuota quota, String callId) {
        Instant now = clock.instant();
        Long until = script().eval(RScript.Mode.READ_WRITE, TAKE_QUOTA, RScript.ReturnType.LONG,
                List.of(prefix + "quota:{" + orgId + "}:" + slot.wire()), Long.toString(now.toEpochMilli()),
                Long.toString(quota.window().toMillis()), Integer.toString(quota.requests()), callId);
        return until == null || until == 0 ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(until));
    }

    /** Takes back a call counted in the quota that was then not made (its budget had no room). */
    public void returnQuota(String orgId, Slot slot, String callId) {
        redis.getScoredSortedSet(prefix + "quota:{" + orgId + "}:" + slot.wire(), StringCodec.INSTANCE).remove(callId);
    }

    /** The day's and month's totals of tokens and micro-dollars spent so far (for the page and metrics). */
    public BudgetAlerts.Totals spent(String orgId) {
        BudgetPeriods periods = BudgetPeriods.at(clock.instant());
        String day = redis.<String, String>getMap(dayKey(orgId, periods), StringCodec.INSTANCE).get("spentTokens");
        String month = redis.<String, String>getMap(monthKey(orgId, periods), StringCodec.INSTANCE).get("spentTokens");
        String dayMicro = redis.<String, String>getMap(dayKey(orgId, periods), StringCodec.INSTANCE).get("spentMicro");
        String monthMicro = redis.<String, String>getMap(monthKey(orgId, periods), StringCodec.INSTANCE).get("spentMicro");
        return new BudgetAlerts.Totals(number(day), number(month), number(dayMicro), number(monthMicro));
    }

    private RScript script() {
        return redis.getScript(StringCodec.INSTANCE);
    }

    private String dayKey(String orgId, BudgetPeriods periods) {
        return prefix + "budget:{" + orgId + "}:d:" + periods.dayName();
    }

    private String monthKey(String orgId, BudgetPeriods periods) {
        return prefix + "budget:{" + orgId + "}:m:" + periods.monthName();
    }

    private String reservations(String orgId) {
        return prefix + "budget:{" + orgId + "}:res";
    }

    private static String limit(Long value) {
        return value == null ? "0" : Long.toString(value);
    }

    private static String micro(java.math.BigDecimal usd) {
        return usd == null ? "0" : usd.movePointRight(6).setScale(0, java.math.RoundingMode.FLOOR).toPlainString();
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
