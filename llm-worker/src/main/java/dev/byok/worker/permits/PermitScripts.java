package dev.byok.worker.permits;

import java.util.List;

/**
 * The permits of one (org, slot) as Lua scripts, each one atomic round trip. Time is Redis's own
 * ({@code TIME}), so the workers' clocks play no part in who holds what.
 *
 * <ul>
 *   <li>{@code <base>:timeout}: the holders, a sorted set of permit id by the epoch ms its lease
 *       ends (the layout config-service and the tests read);
 *   <li>{@code <base>:queue}: the waiters, by arrival number: the head gets the next free permit,
 *       on whichever worker it waits;
 *   <li>{@code <base>:waiters}: when each waiter's place expires unless it asks again (a dead
 *       waiter loses its place);
 *   <li>{@code <base>:cap}: the cap and the config version it comes from (an older config never
 *       overrides a newer one's cap), and the arrival counter.
 * </ul>
 *
 * All keys share the {@code {org}} hash tag, so a script touches one cluster slot. A waiter is woken
 * by a message on one channel naming the waiters that may go now; it also asks again on its own
 * every little while, so a lost message or a dead holder's lease running out costs at most that.
 */
final class PermitScripts {

    private PermitScripts() {
    }

    static List<Object> keys(String base) {
        return List.of(base + ":timeout", base + ":queue", base + ":waiters", base + ":cap");
    }

    /** Now in epoch ms, holders and waiters whose time ran out removed, and the free permits. */
    private static final String PRELUDE = """
            local t = redis.call('time')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('zremrangebyscore', KEYS[1], '-inf', now)
            local gone = redis.call('zrangebyscore', KEYS[3], '-inf', now)
            if #gone > 0 then
              redis.call('zrem', KEYS[3], unpack(gone))
              redis.call('zrem', KEYS[2], unpack(gone))
            end
            """;

    /** Tells the waiters at the head that may take a free permit now. */
    private static final String WAKE_HEADS = """
            local cap = tonumber(redis.call('hget', KEYS[4], 'cap') or '0')
            local free = cap - redis.call('zcard', KEYS[1])
            if free > 0 then
              local heads = redis.call('zrange', KEYS[2], 0, free - 1)
              if #heads > 0 then redis.call('publish', ARGV[2], table.concat(heads, ',')) end
            end
            """;

    /**
     * ARGV: id, cap, config version, lease ms, waiter ttl ms, queue (1: wait in line, 0: only if free).
     * Returns 1 when the permit is granted, 0 when the id waits in line, -1 when not granted and not queued.
     */
    static final String ACQUIRE = PRELUDE + """
            local version = tonumber(redis.call('hget', KEYS[4], 'version') or '-1')
            if tonumber(ARGV[3]) > version then
              redis.call('hset', KEYS[4], 'version', ARGV[3], 'cap', ARGV[2])
            end
            redis.call('pexpire', KEYS[4], 86400000)
            local cap = tonumber(redis.call('hget', KEYS[4], 'cap'))
            local free = cap - redis.call('zcard', KEYS[1])
            local rank = redis.call('zrank', KEYS[2], ARGV[1])
            if not rank then
              rank = redis.call('zcard', KEYS[2])
              if rank >= free then
                if ARGV[6] == '0' then return -1 end
                redis.call('zadd', KEYS[2], redis.call('hincrby', KEYS[4], 'seq', 1), ARGV[1])
              end
            end
            local lease = tonumber(ARGV[4])
            if rank < free then
              redis.call('zrem', KEYS[2], ARGV[1])
              redis.call('zrem', KEYS[3], ARGV[1])
              redis.call('zadd', KEYS[1], now + lease, ARGV[1])
              redis.call('pexpire', KEYS[1], lease * 2)
              return 1
            end
            local ttl = tonumber(ARGV[5])
            redis.call('zadd', KEYS[3], now + ttl, ARGV[1])
            redis.call('pexpire', KEYS[2], ttl * 2)
            redis.call('pexpire', KEYS[3], ttl * 2)
            return 0""";

    /** ARGV: id, lease ms. Returns 1 when the lease was extended from now, 0 when it had run out (or was released). */
    static final String RENEW = """
            local t = redis.call('time')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ends = redis.call('zscore', KEYS[1], ARGV[1])
            if not ends or tonumber(ends) <= now then
              redis.call('zrem', KEYS[1], ARGV[1])
              return 0
            end
            redis.call('zadd', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            redis.call('pexpire', KEYS[1], tonumber(ARGV[2]) * 2)
            return 1""";

    /** ARGV: id, wake channel. Gives a permit back, or a place in line up; wakes whoever may go now. */
    static final String RELEASE = PRELUDE + """
            local removed = redis.call('zrem', KEYS[1], ARGV[1])
            redis.call('zrem', KEYS[2], ARGV[1])
            redis.call('zrem', KEYS[3], ARGV[1])
            """ + WAKE_HEADS + """
            return removed""";
}
