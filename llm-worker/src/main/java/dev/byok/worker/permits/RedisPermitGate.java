package dev.byok.worker.permits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Permits per (org, slot) in Redis, handed out first come, first served across every worker
 * ({@link PermitScripts}): a request that cannot have one now waits in line, and a released permit
 * goes to the head of the line wherever it waits. The cap is the slot's, resized live when the
 * config changes: permits held under the old cap stay valid, and once enough are released the new
 * cap holds. A null cap means nothing shared: the engine's own in-flight bound still applies.
 *
 * <p>A permit's lease is short ({@code lease}, 20 s by default) and a watchdog renews it every
 * third of a lease while it is held, as Redisson does for its locks: a call may take its full
 * request timeout, and the permits of a worker that dies come back within one lease.
 */
public final class RedisPermitGate implements PermitGate, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisPermitGate.class);
    /** How long a waiter's place in line lasts unless it asks again (it asks every third of this). */
    static final Duration WAITER_TTL = Duration.ofMillis(1500);

    private final RedissonClient redisson;
    private final String prefix;
    private final Duration lease;
    private final Clock clock;
    private final String channel;
    private final RTopic wakeups;
    private final int listener;
    private final Map<String, Semaphore> waiting = new ConcurrentHashMap<>();
    private final Map<String, HeldPermit> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private final java.util.Set<RFuture<Long>> releasing = ConcurrentHashMap.newKeySet();

    public RedisPermitGate(RedissonClient redisson, String prefix, Duration lease, Clock clock) {
        this.redisson = redisson;
        this.prefix = prefix;
        this.lease = lease;
        this.clock = clock;
        this.channel = prefix + "permits:wake";
        this.wakeups = redisson.getTopic(channel, StringCodec.INSTANCE);
        this.listener = wakeups.addListener(String.class, (ch, ids) -> {
            for (String id : ids.split(",")) {
                Semaphore signal = waiting.get(id);
                if (signal != null) {
                    signal.release();
                }
            }
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("byok-permit-watchdog").daemon().factory());
        long every = Math.max(1, lease.toMillis() / 3);
        watchdog.scheduleWithFixedDelay(this::renewHeld, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<Permit> tryAcquire(PermitKey key, Integer cap, long configVersion, Duration wait) {
        if (cap == null) {
            return Optional.of(new Unshared());
        }
        String base = key.redisName(prefix);
        String id = UUID.randomUUID().toString();
        Semaphore signal = new Semaphore(0);
        waiting.put(id, signal);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean queued = false;
        try {
            while (true) {
                long answer = acquire(base, id, cap, configVersion, !wait.isZero());
                if (answer == 1) {
                    HeldPermit permit = new HeldPermit(this, base, id, clock.instant());
                    held.put(id, permit);
                    return Optional.of(permit);
                }
                queued = answer == 0;
                long left = deadline - System.nanoTime();
                if (left <= 0 || !queued) {
                    leaveLine(base, id, queued);
                    return Optional.empty();
                }
                signal.tryAcquire(Math.min(left, WAITER_TTL.toNanos() / 3), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leaveLine(base, id, queued);
            return Optional.empty();
        } catch (RedisException e) {
            leaveLine(base, id, queued);
            throw new PermitStoreUnavailableException("Redis did not answer a permit request: " + e.getMessage(), e);
        } finally {
            waiting.remove(id);
        }
    }

    /** How many permits of {@code key} are held right now (for tests and metrics). */
    public int held(PermitKey key) {
        return redisson.getScoredSortedSet(key.redisName(prefix) + ":timeout", StringCodec.INSTANCE)
                .count(clock.millis(), false, Double.POSITIVE_INFINITY, true);
    }

    private long acquire(String base, String id, int cap, long version, boolean queue) {
        Long answer = script().eval(base, RScript.Mode.READ_WRITE, PermitScripts.ACQUIRE, RScript.ReturnType.LONG,
                PermitScripts.keys(base), id, Integer.toString(cap), Long.toString(version),
                Long.toString(lease.toMillis()), Long.toString(WAITER_TTL.toMillis()), queue ? "1" : "0");
        return answer == null ? -1 : answer;
    }

    /** Gives up a place in line (it would expire anyway), waking whoever is next. */
    private void leaveLine(String base, String id, boolean queued) {
        if (queued) {
            try {
                script().eval(base, RScript.Mode.READ_WRITE, PermitScripts.RELEASE, RScript.ReturnType.LONG,
                        PermitScripts.keys(base), id, channel);
            } catch (RedisException e) {
                log.debug("Could not leave the line for a permit; the place expires on its own: {}", e.toString());
            }
        }
    }

    boolean renew(String base, String id) {
        Long renewed = script().eval(base, RScript.Mode.READ_WRITE, PermitScripts.RENEW, RScript.ReturnType.LONG,
                List.of(base + ":timeout"), id, Long.toString(lease.toMillis()));
        return renewed != null && renewed == 1L;
    }

    void release(String base, String id) {
        held.remove(id);
        RFuture<Long> released = script().evalAsync(base, RScript.Mode.READ_WRITE, PermitScripts.RELEASE,
                RScript.ReturnType.LONG, PermitScripts.keys(base), id, channel);
        releasing.add(released);
        released.whenComplete((r, e) -> releasing.remove(released));
    }

    /** The watchdog's round: every held permit's lease starts again from now. */
    private void renewHeld() {
        if (redisson.isShutdown()) {
            held.clear();
            return;
        }
        for (HeldPermit permit : held.values()) {
            Instant asked = clock.instant();
            try {
                if (renew(permit.base(), permit.id())) {
                    permit.confirmed(asked);
                } else if (held.remove(permit.id()) != null) {
                    permit.lost();
                    log.warn("A permit's lease ran out while it was held (the worker stalled for longer than {}); "
                            + "its call continues, the cap may be exceeded by one until it ends", lease);
                }
            } catch (RuntimeException e) {
                log.warn("Cannot renew a permit's lease: {}", e.toString());
            }
        }
    }

    Duration lease() {
        return lease;
    }

    Clock clock() {
        return clock;
    }

    private RScript script() {
        return redisson.getScript(StringCodec.INSTANCE);
    }

    /** Stops the watchdog once the releases sent so far have reached Redis (a drained worker's last ones). */
    @Override
    public void close() {
        for (RFuture<Long> pending : List.copyOf(releasing)) {
            try {
                pending.toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("A permit's release did not reach Redis; its lease runs out within {}", lease);
            }
        }
        watchdog.shutdownNow();
        wakeups.removeListener(listener);
    }

    /** A slot without a cap: nothing is shared, nothing runs out. */
    private record Unshared() implements Permit {
        @Override
        public Optional<Instant> renew() {
            return Optional.of(Instant.MAX);
        }

        @Override
        public void release() {
        }
    }
}
