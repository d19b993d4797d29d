package dev.byok.worker.permits;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A permit of a capped slot, held until released; the gate's watchdog keeps its lease alive
 * meanwhile. {@link #renew} is what a call asks before it starts: it costs a Redis round trip only
 * when the watchdog has not confirmed the lease for half a lease (Redis trouble, a stall).
 */
final class HeldPermit implements Permit {

    private final RedisPermitGate gate;
    private final String base;
    private final String id;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean lost;
    private volatile Instant confirmedAt;

    HeldPermit(RedisPermitGate gate, String base, String id, Instant grantedAt) {
        this.gate = gate;
        this.base = base;
        this.id = id;
        this.confirmedAt = grantedAt;
    }

    String base() {
        return base;
    }

    String id() {
        return id;
    }

    void confirmed(Instant at) {
        confirmedAt = at;
    }

    void lost() {
        lost = true;
    }

    /**
     * @return {@link Instant#MAX} while the permit is held (the watchdog renews it for as long as the
     *     call takes), or empty when it is gone: released, or its lease ran out (then another call
     *     may hold it now, and this one must not call)
     */
    @Override
    public Optional<Instant> renew() {
        if (released.get() || lost) {
            return Optional.empty();
        }
        Instant now = gate.clock().instant();
        if (confirmedAt.plus(gate.lease().dividedBy(2)).isAfter(now)) {
            return Optional.of(Instant.MAX);
        }
        if (gate.renew(base, id)) {
            confirmedAt = now;
            return Optional.of(Instant.MAX);
        }
        lost = true;
        return Optional.empty();
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            gate.release(base, id);
        }
    }
}
