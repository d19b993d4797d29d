package dev.byok.worker.engine;

import java.util.BitSet;
import java.util.Base64;
import java.util.Collection;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which records of one partition are done, when they finish out of order. The committed offset is
 * the first record not done yet; the records after it that are done travel in the commit's
 * metadata ({@code v1:} + base64 of a bit set relative to the committed offset), so that after a
 * restart or a rebalance they are skipped instead of being served twice. Not thread-safe: owned by
 * the poll thread.
 */
final class PartitionProgress {

    static final String METADATA_PREFIX = "v1:";

    private final NavigableSet<Long> pending = new TreeSet<>();
    private final NavigableSet<Long> doneAhead = new TreeSet<>();
    /** Done before this assignment, read from the committed metadata. */
    private final Set<Long> doneEarlier;
    private long highestReceived = -1;
    private final long committedAtStart;

    private PartitionProgress(long committedOffset, Set<Long> doneEarlier) {
        this.committedAtStart = committedOffset;
        this.doneEarlier = doneEarlier;
    }

    /** @param committedOffset the committed offset, or -1 if the group never committed this partition */
    static PartitionProgress fromCommitted(long committedOffset, String metadata) {
        return new PartitionProgress(committedOffset, decode(committedOffset, metadata));
    }

    /** Whether the record was already served before this assignment: then it must be skipped. */
    boolean wasDoneEarlier(long offset) {
        return doneEarlier.contains(offset);
    }

    void received(long offset) {
        pending.add(offset);
        highestReceived = Math.max(highestReceived, offset);
    }

    /** Records the offsets as done (their results were committed, or they needed none). */
    void markDone(Collection<Long> offsets) {
        for (long offset : offsets) {
            if (pending.remove(offset)) {
                doneAhead.add(offset);
            }
        }
        prune();
    }

    /** How far apart the oldest open record and the newest received one are. */
    long span() {
        return pending.isEmpty() ? 0 : highestReceived - pending.first();
    }

    int openCount() {
        return pending.size();
    }

    /** The offset to commit (and its metadata) if {@code alsoDone} were done; null if nothing was received. */
    Commit commitWith(Collection<Long> alsoDone) {
        if (highestReceived < 0) {
            return null;
        }
        NavigableSet<Long> open = new TreeSet<>(pending);
        open.removeAll(alsoDone);
        long base = open.isEmpty() ? highestReceived + 1 : open.first();
        BitSet bits = new BitSet();
        for (long offset : doneAhead.tailSet(base, false)) {
            bits.set((int) (offset - base));
        }
        for (long offset : alsoDone) {
            if (offset > base) {
                bits.set((int) (offset - base));
            }
        }
        for (long offset : doneEarlier) {
            if (offset > base && offset > highestReceived) {
                bits.set((int) (offset - base));
            }
        }
        String metadata = bits.isEmpty() ? "" : METADATA_PREFIX + Base64.getEncoder().encodeToString(bits.toByteArray());
        return new Commit(base, metadata);
    }

    long committedAtStart() {
        return committedAtStart;
    }

    private void prune() {
        long base = pending.isEmpty() ? highestReceived + 1 : pending.first();
        doneAhead.headSet(base, false).clear();
    }

    static Set<Long> decode(long base, String metadata) {
        Set<Long> done = new TreeSet<>();
        if (base < 0 || metadata == null || !metadata.startsWith(METADATA_PREFIX)) {
            return done;
        }
        try {
            BitSet bits = BitSet.valueOf(Base64.getDecoder().decode(metadata.substring(METADATA_PREFIX.length())));
            bits.stream().forEach(i -> done.add(base + i));
        } catch (IllegalArgumentException unreadable) {
            // metadata written by something else: nothing is known to be done ahead
        }
        return done;
    }

    /** An offset to commit and its metadata. */
    record Commit(long offset, String metadata) {
    }
}
