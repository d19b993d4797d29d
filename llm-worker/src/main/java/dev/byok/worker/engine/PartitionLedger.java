package dev.byok.worker.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions this worker owns: since when (an epoch per assignment, so a result from an older
 * assignment is recognised as stale), which of their records are done, and the offsets to commit.
 * Owned by the poll thread; no I/O (the committed offsets are read by the caller).
 */
final class PartitionLedger {

    private final Map<TopicPartition, Owned> owned = new HashMap<>();
    private long nextEpoch = 1;

    /** Takes the partition on with a new epoch; its progress is unknown until {@link #start} gives it. */
    void assigned(TopicPartition partition) {
        owned.put(partition, new Owned(nextEpoch++));
    }

    void released(TopicPartition partition) {
        owned.remove(partition);
    }

    /** Assigned partitions whose committed offset has not been read yet. */
    Set<TopicPartition> unstarted() {
        Set<TopicPartition> fresh = new HashSet<>();
        owned.forEach((tp, state) -> {
            if (state.progress == null) {
                fresh.add(tp);
            }
        });
        return fresh;
    }

    /** Starts tracking the partition from what the group committed (null: never committed). */
    void start(TopicPartition partition, OffsetAndMetadata committed) {
        Owned state = owned.get(partition);
        if (state != null) {
            state.progress = PartitionProgress.fromCommitted(committed == null ? -1 : committed.offset(),
                    committed == null ? null : committed.metadata());
        }
    }

    /** What to do with a polled record. */
    sealed interface Arrival {
    }

    /** The partition is not ours (any more): drop the record. */
    record NotOwned() implements Arrival {
    }

    /** The partition's committed offset is not read yet: keep the record for later. */
    record NotStarted() implements Arrival {
    }

    /** It was served before this assignment (the commit's metadata says so): skip it. */
    record DoneEarlier() implements Arrival {
    }

    /** To be served, under this epoch. */
    record Serve(long epoch) implements Arrival {
    }

    Arrival arrived(TopicPartition partition, long offset) {
        Owned state = owned.get(partition);
        if (state == null) {
            return new NotOwned();
        }
        if (state.progress == null) {
            return new NotStarted();
        }
        state.progress.received(offset);
        if (state.progress.wasDoneEarlier(offset)) {
            state.progress.markDone(List.of(offset));
            return new DoneEarlier();
        }
        return new Serve(state.epoch);
    }

    boolean isCurrent(TopicPartition partition, long epoch) {
        Owned state = owned.get(partition);
        return state != null && state.epoch == epoch;
    }

    /** The offsets (and done-ahead metadata) to commit once these offsets are done too. */
    Map<TopicPartition, OffsetAndMetadata> offsetsWith(Map<TopicPartition, List<Long>> doneByPartition) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        doneByPartition.forEach((tp, done) -> {
            PartitionProgress.Commit commit = owned.get(tp).progress.commitWith(done);
            offsets.put(tp, new OffsetAndMetadata(commit.offset(), commit.metadata()));
        });
        return offsets;
    }

    /** Their results are committed: these records are done. */
    void done(TopicPartition partition, Collection<Long> offsets) {
        Owned state = owned.get(partition);
        if (state != null && state.progress != null) {
            state.progress.markDone(offsets);
        }
    }

    /** The owned partitions that {@code held} says to pause, or whose open span is too wide. */
    Set<TopicPartition> toPause(Predicate<TopicPartition> held, long maxOpenSpan) {
        Set<TopicPartition> pause = new HashSet<>();
        owned.forEach((tp, state) -> {
            boolean spanFull = state.progress != null && state.progress.span() >= maxOpenSpan;
            if (spanFull || held.test(tp)) {
                pause.add(tp);
            }
        });
        return pause;
    }

    /** How many partitions of each topic this worker owns. */
    Map<String, Integer> ownedPerTopic() {
        Map<String, Integer> counts = new HashMap<>();
        owned.keySet().forEach(tp -> counts.merge(tp.topic(), 1, Integer::sum));
        return counts;
    }

    List<TopicPartition> all() {
        return new ArrayList<>(owned.keySet());
    }

    /** A partition this worker owns, and since when (its epoch): results from an older epoch are stale. */
    private static final class Owned {
        final long epoch;
        PartitionProgress progress;

        Owned(long epoch) {
            this.epoch = epoch;
        }
    }
}
