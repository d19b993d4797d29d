package dev.byok.bench.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.BooleanSupplier;

/** Open-loop load: action i runs at start + i / rate, whatever the system under test does meanwhile. */
final class Pacer {

    private Pacer() {
    }

    /** Runs {@code action} {@code rate} times a second for {@code duration}; returns how many ran. */
    static int run(double ratePerSecond, Duration duration, IntConsumer action) {
        return run(ratePerSecond, duration, () -> false, action);
    }

    /** The same, stopping early when {@code stop} says so. */
    static int run(double ratePerSecond, Duration duration, BooleanSupplier stop, IntConsumer action) {
        long interval = (long) (1e9 / ratePerSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int i = 0;
        while (!stop.getAsBoolean()) {
            long due = start + i * interval;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            action.accept(i++);
        }
        return i;
    }
}
