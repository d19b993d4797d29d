package dev.byok.worker.permits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RLock;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Permits as leases of a Redisson {@link RPermitExpirableSemaphore} per (org, slot). Each permit
 * expires after {@code lease} (longer than any call may take), so a worker killed mid-call cannot
 * leak it. The semaphore is sized from the slot's cap and resized live when the config changes:
 * permits held under the old size stay valid, and once they are released the new size holds.
 * A null cap means no shared semaphore: the engine's own in-flight bound still applies.
 *
 * <p>Redisson stamps a lease with the clock of the worker that takes or renews it, and any worker
 * may find it expired by its own clock: the workers' clocks must agree to well within the lease
 * margin (NTP does).
 */
public final class RedisPermitGate implements PermitGate {

    private static final Logger log = LoggerFactory.getLogger(RedisPermitGate.class);

    /** Records the config version a semaphore was sized from, so an older config can never shrink or grow it back. */
    private static final String CLAIM_RESIZE = """
            local applied = tonumber(redis.call('hget', KEYS[1], 'version') or '-1')
            if applied >= tonumber(ARGV[1]) then return 0 end
            redis.call('hset', KEYS[1], 'version', ARGV[1], 'cap', ARGV[2])
            return 1""";

    private final RedissonClient redisson;
    private final String prefix;
    private final Duration lease;
    private final Clock clock;
    private final Map<PermitKey, Long> sizedAtVersion = new ConcurrentHashMap<>();

    public RedisPermitGate(RedissonClient redisson, String prefix, Duration lease, Clock clock) {
        this.redisson = redisson;
        this.prefix = prefix;
        this.lease = lease;
        this.clock = clock;
    }

    @Override
    public Optional<Permit> tryAcquire(PermitKey key, Integer cap, long configVersion, Duration wait) {
        if (cap == null) {
            return Optional.of(new Unshared());
        }
        RPermitExpirableSemaphore semaphore = redisson.getPermitExpirableSemaphore(key.redisName(prefix));
        ensureSized(key, semaphore, cap, configVersion);
        try {
            String id = semaphore.tryAcquire(wait.toMillis(), lease.toMillis(), TimeUnit.MILLISECONDS);
            if (id == null) {
                forgetSizingIfLost(key, semaphore);
                return Optional.empty();
            }
            return Optional.of(new LeasedPermit(semaphore, id, lease, clock));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** How many permits of {@code key} are held right now (for tests and metrics). */
    public int held(PermitKey key) {
        RPermitExpirableSemaphore semaphore = redisson.getPermitExpirableSemaphore(key.redisName(prefix));
        return semaphore.getPermits() - semaphore.availablePermits();
    }

    /** After a Redis restart the semaphore is gone: size it again on the next attempt instead of waiting forever. */
    private void forgetSizingIfLost(PermitKey key, RPermitExpirableSemaphore semaphore) {
        if (!semaphore.isExists()) {
            sizedAtVersion.remove(key);
            redisson.getBucket(key.redisName(prefix) + ":sized").delete();
            log.warn("Permits of org {} slot {} were missing in Redis; they will be recreated", key.orgId(),
                    key.slot().wire());
        }
    }

    private void ensureSized(PermitKey key, RPermitExpirableSemaphore semaphore, int cap, long version) {
        Long sized = sizedAtVersion.get(key);
        if (sized != null && sized >= version) {
            return;
        }
        String metaKey = key.redisName(prefix) + ":sized";
        RLock lock = redisson.getLock(key.redisName(prefix) + ":resize");
        lock.lock(10, TimeUnit.SECONDS);
        try {
            Long claimed = redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, CLAIM_RESIZE,
                    RScript.ReturnType.LONG, List.of(metaKey), Long.toString(version), Integer.toString(cap));
            if (claimed != null && claimed == 1L) {
                semaphore.setPermits(cap);
                log.info("Permits of org {} slot {} set to {} (config version {})", key.orgId(), key.slot().wire(), cap,
                        version);
            }
        } finally {
            lock.unlock();
        }
        sizedAtVersion.merge(key, version, Math::max);
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

    private record LeasedPermit(RPermitExpirableSemaphore semaphore, String id, Duration lease, Clock clock,
            AtomicBoolean released) implements Permit {

        LeasedPermit(RPermitExpirableSemaphore semaphore, String id, Duration lease, Clock clock) {
            this(semaphore, id, lease, clock, new AtomicBoolean());
        }

        @Override
        public Optional<Instant> renew() {
            // Redisson stamps the new lease when its script runs, which is after this moment.
            Instant before = clock.instant();
            return !released.get() && semaphore.updateLeaseTime(id, lease.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.of(before.plus(lease)) : Optional.empty();
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                // tryRelease: a permit whose lease already ran out is simply gone, not an error
                semaphore.tryReleaseAsync(id);
            }
        }
    }
}
