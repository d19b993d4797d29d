package dev.byok.simulator.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The only blocking the simulator does: latencies, which end early when it closes, and hangs, which
 * end when it resets or closes. Meant for virtual threads.
 */
final class Waits {

    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<CountDownLatch> hangs = new AtomicReference<>(new CountDownLatch(1));

    /** Waits {@code delay}; {@code false} if the simulator closed (or the thread was interrupted) first. */
    boolean pause(Duration delay) {
        try {
            return !closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Blocks until {@link #releaseHangs()} or {@link #close()}. */
    void hang() {
        CountDownLatch release = hangs.get();
        if (closed.getCount() == 0) {
            return;
        }
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void releaseHangs() {
        hangs.getAndSet(new CountDownLatch(1)).countDown();
    }

    void close() {
        closed.countDown();
        releaseHangs();
    }
}
