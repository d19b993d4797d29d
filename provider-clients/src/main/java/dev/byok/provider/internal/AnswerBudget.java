package dev.byok.provider.internal;

import java.util.concurrent.Semaphore;

/**
 * How many bytes of provider answers one process holds at once, beyond a small allowance every
 * answer gets for free. The per-answer limit alone lets {@code max-in-flight} hostile endpoints make
 * a worker hold that many maximal answers together; this bounds the sum. Ordinary answers (a review
 * is kilobytes) stay inside the free allowance and never wait for or compete over the budget, so a
 * few large answers cannot starve every other org's calls; an answer that needs budget that is not
 * there now fails at once instead of waiting while holding what it already has.
 */
public final class AnswerBudget {

    /** Bytes of each answer that are not counted: more than any ordinary review or model list. */
    public static final int FREE_BYTES_PER_ANSWER = 256 * 1024;
    /** The default shared budget for the bytes of answers beyond their free allowance. */
    public static final long DEFAULT_BYTES = 64L * 1024 * 1024;
    private static final int UNIT = 1024;

    private final Semaphore kibibytes;
    private final long totalBytes;

    public AnswerBudget(long totalBytes) {
        if (totalBytes < UNIT) {
            throw new IllegalArgumentException("the answer budget must be at least 1 KiB");
        }
        this.totalBytes = totalBytes;
        this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, totalBytes / UNIT));
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** A fresh account for one answer; close it when the answer has been handed on. */
    public Account open() {
        return new Account();
    }

    /** One answer's use of the budget. Not thread-safe: one answer is read by one thread. */
    public final class Account implements AutoCloseable {

        private long bytes;
        private int heldUnits;

        private Account() {
        }

        /** Counts {@code more} bytes; false (and nothing counted) when the budget cannot hold them now. */
        public boolean add(int more) {
            long total = bytes + more;
            long chargeable = Math.max(0, total - FREE_BYTES_PER_ANSWER);
            int neededUnits = (int) ((chargeable + UNIT - 1) / UNIT);
            int extra = neededUnits - heldUnits;
            if (extra > 0 && !kibibytes.tryAcquire(extra)) {
                return false;
            }
            heldUnits = Math.max(heldUnits, neededUnits);
            bytes = total;
            return true;
        }

        @Override
        public void close() {
            if (heldUnits > 0) {
                kibibytes.release(heldUnits);
                heldUnits = 0;
            }
        }
    }
}
