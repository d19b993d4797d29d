package dev.byok.worker.review;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets what this worker holds per org once the org has been idle for {@code byok.org-state-expiry}:
 * its meters (about 7 series per org served) and its main slot's circuit breaker. Without it a
 * worker's memory grows with every org it ever served: the scale run measured 35,905 series and a
 * 420 MiB heap at 5,000 orgs served once, and the worker ran out of its 512 MiB near 7,000.
 */
public final class IdleOrgForgetting implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdleOrgForgetting.class);

    private final WorkerMetrics metrics;
    private final MainBreakers breakers;
    private final Duration expiry;
    private final ScheduledExecutorService scheduler;

    public IdleOrgForgetting(WorkerMetrics metrics, MainBreakers breakers, Duration expiry) {
        this.metrics = metrics;
        this.breakers = breakers;
        this.expiry = expiry;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("byok-idle-orgs").factory());
    }

    public void start() {
        long periodMillis = Math.max(1_000, Math.min(expiry.toMillis() / 4, Duration.ofMinutes(1).toMillis()));
        scheduler.scheduleWithFixedDelay(this::forgetIdle, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** @return how many orgs were forgotten */
    int forgetIdle() {
        try {
            java.util.Set<String> idle = metrics.idleOrgs(expiry);
            idle.forEach(breakers::forget);
            metrics.forgetOrgs(idle);
            int forgotten = idle.size();
            if (forgotten > 0) {
                log.debug("Forgot the meters and breakers of {} orgs idle for {}", forgotten, expiry);
            }
            return forgotten;
        } catch (RuntimeException e) {
            log.warn("Cannot forget idle orgs this time: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
