package dev.byok.worker.engine;

import dev.byok.worker.permits.Permit;
import dev.byok.worker.permits.PermitGate;
import dev.byok.worker.permits.PermitStoreUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the permit store for one permit of a lane, on a virtual thread, and tells the poll thread
 * how it went: granted, not in time, or the store could not be asked (then the lane backs off).
 */
final class PermitRequests {

    private static final Logger log = LoggerFactory.getLogger(PermitRequests.class);

    private final PermitGate permits;
    private final Duration wait;
    private final EngineMetrics metrics;
    private final Executor virtualThreads;
    private final Consumer<EngineEvent> signal;

    PermitRequests(PermitGate permits, Duration wait, EngineMetrics metrics, Executor virtualThreads,
            Consumer<EngineEvent> signal) {
        this.permits = permits;
        this.wait = wait;
        this.metrics = metrics;
        this.virtualThreads = virtualThreads;
        this.signal = signal;
    }

    void ask(LaneKey key, SlotCaps caps) {
        virtualThreads.execute(() -> {
            long asked = System.nanoTime();
            try {
                Optional<Permit> permit = permits.tryAcquire(caps.permitKey(), caps.cap(), caps.configVersion(), wait);
                metrics.permitWait(key, permit.isPresent(), Duration.ofNanos(System.nanoTime() - asked));
                signal.accept(permit.<EngineEvent>map(p -> new EngineEvent.PermitGranted(key, p, caps))
                        .orElseGet(() -> new EngineEvent.PermitNotGranted(key, false)));
            } catch (PermitStoreUnavailableException e) {
                log.warn("Cannot get a permit for org {} slot {}: {}", key.orgId(), key.slot().wire(), e.getMessage());
                signal.accept(new EngineEvent.PermitNotGranted(key, true));
            } catch (RuntimeException e) {
                log.error("Asking for a permit of org {} slot {} failed unexpectedly", key.orgId(), key.slot().wire(), e);
                signal.accept(new EngineEvent.PermitNotGranted(key, true));
            }
        });
    }
}
