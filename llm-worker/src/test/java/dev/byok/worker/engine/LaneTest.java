package dev.byok.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Slot;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A lane serves its partitions in turns, whatever order the consumer handed their records over in. */
class LaneTest {

    private static final TopicPartition A = new TopicPartition("byok.tenant.acme.main", 0);
    private static final TopicPartition B = new TopicPartition("byok.tenant.acme.main", 1);
    private static final TopicPartition C = new TopicPartition("byok.tenant.acme.main", 2);
    private final Lane lane = new Lane(new LaneKey("acme", Slot.MAIN));

    @Test
    void aRunOfOnePartitionDoesNotKeepTheOthersWaiting() {
        // As a poll returns them: a run of one partition, then the next one's.
        enqueue(A, 0, 4);
        enqueue(B, 0, 2);
        enqueue(C, 0, 1);

        assertThat(serveAll()).containsExactly("0/0", "1/0", "2/0", "0/1", "1/1", "0/2", "0/3");
    }

    @Test
    void aPartitionWhoseRecordsArriveLaterTakesTheNextTurnNotTheLast() {
        enqueue(A, 0, 3);
        assertThat(serve()).isEqualTo("0/0");
        assertThat(serve()).isEqualTo("0/1");
        enqueue(B, 0, 2);

        assertThat(serveAll()).containsExactly("1/0", "0/2", "1/1");
    }

    @Test
    void aReviewPutBackKeepsItsTurn() {
        enqueue(A, 0, 2);
        enqueue(B, 0, 2);
        QueuedReview first = lane.pollReady(0);
        lane.requeueFirst(first);

        assertThat(serveAll()).containsExactly("0/0", "1/0", "0/1", "1/1");
    }

    @Test
    void aReviewThatMayNotRunYetLetsTheNextPartitionGo() {
        lane.enqueue(review(A, 0, 5_000));
        enqueue(A, 1, 1);
        enqueue(B, 0, 1);

        assertThat(serveAll()).containsExactly("0/1", "1/0");
        assertThat(lane.queued()).isEqualTo(1);
        assertThat(lane.pollReady(5_000)).extracting(q -> q.record().offset()).isEqualTo(0L);
    }

    @Test
    void countsWhatEachPartitionHasQueuedAndForgetsAPartitionThatMoves() {
        enqueue(A, 0, 3);
        enqueue(B, 0, 2);
        serve();

        assertThat(lane.queued(A)).isEqualTo(2);
        assertThat(lane.queued(B)).isEqualTo(2);
        lane.dropPartition(A);
        assertThat(lane.queued(A)).isZero();
        assertThat(lane.queued()).isEqualTo(2);
        assertThat(lane.queuedBytes()).isEqualTo(2 * 10);
    }

    private void enqueue(TopicPartition partition, int fromOffset, int count) {
        for (int offset = fromOffset; offset < fromOffset + count; offset++) {
            lane.enqueue(review(partition, offset, 0));
        }
    }

    private static QueuedReview review(TopicPartition partition, long offset, long readyAtMillis) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                null, new byte[10]);
        return new QueuedReview(record, partition, 1, readyAtMillis);
    }

    private String serve() {
        QueuedReview review = lane.pollReady(0);
        return review.partition().partition() + "/" + review.record().offset();
    }

    private List<String> serveAll() {
        List<String> served = new ArrayList<>();
        while (lane.queued() > 0 && lane.pollReady(0) instanceof QueuedReview review) {
            served.add(review.partition().partition() + "/" + review.record().offset());
        }
        return served;
    }
}
