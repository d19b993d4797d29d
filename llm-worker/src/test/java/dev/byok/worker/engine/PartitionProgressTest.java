package dev.byok.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    @Test
    void theCommittedOffsetStopsAtTheOldestReviewStillOpen() {
        PartitionProgress progress = PartitionProgress.fromCommitted(-1, null);
        for (long offset = 10; offset <= 14; offset++) {
            progress.received(offset);
        }

        PartitionProgress.Commit commit = progress.commitWith(List.of(12L, 13L));

        assertThat(commit.offset()).isEqualTo(10);
        assertThat(PartitionProgress.decode(commit.offset(), commit.metadata())).containsExactlyInAnyOrder(12L, 13L);
    }

    @Test
    void whenEverythingIsDoneTheCommitMovesPastTheNewestRecord() {
        PartitionProgress progress = PartitionProgress.fromCommitted(5, "");
        progress.received(5);
        progress.received(7); // 6 was a transaction marker: consumers never see it

        PartitionProgress.Commit commit = progress.commitWith(List.of(5L, 7L));

        assertThat(commit.offset()).isEqualTo(8);
        assertThat(commit.metadata()).isEmpty();
    }

    @Test
    void doneOffsetsSurviveARestartThroughTheMetadataAndAreSkipped() {
        PartitionProgress before = PartitionProgress.fromCommitted(-1, null);
        for (long offset = 0; offset < 5; offset++) {
            before.received(offset);
        }
        before.markDone(List.of(1L, 3L));
        PartitionProgress.Commit commit = before.commitWith(List.of(4L));

        PartitionProgress after = PartitionProgress.fromCommitted(commit.offset(), commit.metadata());

        assertThat(commit.offset()).isZero();
        assertThat(after.wasDoneEarlier(0)).isFalse();
        assertThat(after.wasDoneEarlier(1)).isTrue();
        assertThat(after.wasDoneEarlier(2)).isFalse();
        assertThat(after.wasDoneEarlier(3)).isTrue();
        assertThat(after.wasDoneEarlier(4)).isTrue();
    }

    @Test
    void doneEarlierOffsetsNotYetReadAgainAreKeptInTheNextCommit() {
        PartitionProgress progress = PartitionProgress.fromCommitted(100, PartitionProgress.METADATA_PREFIX
                + java.util.Base64.getEncoder().encodeToString(java.util.BitSet.valueOf(new long[] {0b1100}).toByteArray()));
        progress.received(100);

        PartitionProgress.Commit commit = progress.commitWith(List.of(100L));

        assertThat(commit.offset()).isEqualTo(101);
        assertThat(PartitionProgress.decode(commit.offset(), commit.metadata())).containsExactlyInAnyOrder(102L, 103L);
    }

    @Test
    void markingDoneAdvancesAndForgetsWhatIsBehind() {
        PartitionProgress progress = PartitionProgress.fromCommitted(0, "");
        for (long offset = 0; offset < 4; offset++) {
            progress.received(offset);
        }
        progress.markDone(List.of(1L, 2L));
        assertThat(progress.span()).isEqualTo(3);
        assertThat(progress.openCount()).isEqualTo(2);

        progress.markDone(List.of(0L));

        assertThat(progress.commitWith(List.of())).isEqualTo(new PartitionProgress.Commit(3, ""));
        assertThat(progress.span()).isZero();
    }

    @Test
    void metadataThatIsNotOursMeansNothingIsKnownToBeDone() {
        assertThat(PartitionProgress.decode(10, "written by someone else")).isEmpty();
        assertThat(PartitionProgress.decode(10, "v1:%%%not-base64")).isEmpty();
        assertThat(PartitionProgress.decode(-1, "v1:AQ==")).isEmpty();
    }
}
