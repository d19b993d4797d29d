package dev.byok.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Slot;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LaneSchedulerTest {

    private static final LaneKey BUSY = new LaneKey("busy", Slot.MAIN);
    private static final LaneKey QUIET = new LaneKey("quiet", Slot.MAIN);

    private static final LaneKey NEW = new LaneKey("new", Slot.MAIN);

    @Test
    void anOrgWithABacklogDoesNotTakeTheWholeBudget() {
        LaneScheduler scheduler = new LaneScheduler(4);
        enqueue(scheduler, BUSY, 1000);
        enqueue(scheduler, QUIET, 1);

        List<Lane> chosen = scheduler.nextPermitRequests(key -> null, 0);

        assertThat(chosen).extracting(Lane::key).containsExactlyInAnyOrder(BUSY, QUIET, BUSY);
    }

    @Test
    void anUncappedBacklogLeavesOneSlotSoANewOrgStartsAtOnce() {
        LaneScheduler scheduler = new LaneScheduler(16);
        enqueue(scheduler, BUSY, 1000);
        start(scheduler.nextPermitRequests(key -> null, 0));
        assertThat(scheduler.committedCapacity()).as("one slot stays free").isEqualTo(15);
        assertThat(scheduler.nextPermitRequests(key -> null, 0)).as("the backlog takes no more").isEmpty();

        enqueue(scheduler, NEW, 1);

        assertThat(scheduler.nextPermitRequests(key -> null, 0)).extracting(Lane::key).containsExactly(NEW);
    }

    @Test
    void aLaneThatHoldsCallsLeavesASlotForEachLaneWaitingWithNothing() {
        LaneScheduler scheduler = new LaneScheduler(10);
        Lane busy = enqueue(scheduler, BUSY, 1000);
        for (int i = 0; i < 7; i++) {
            busy.taskStarted();
        }
        enqueue(scheduler, QUIET, 5);
        enqueue(scheduler, NEW, 5);

        List<Lane> chosen = scheduler.nextPermitRequests(key -> null, 0);

        // 3 free: QUIET and NEW get one each before BUSY could take a slot; the last one stays free
        assertThat(chosen).extracting(Lane::key).containsExactlyInAnyOrder(QUIET, NEW);
    }

    @Test
    void lanesThatHoldCallsShareWhatIsLeftInTurns() {
        LaneScheduler scheduler = new LaneScheduler(9);
        Lane busy = enqueue(scheduler, BUSY, 1000);
        Lane quiet = enqueue(scheduler, QUIET, 1000);
        busy.taskStarted();
        quiet.taskStarted();

        List<Lane> chosen = scheduler.nextPermitRequests(key -> null, 0);

        assertThat(chosen).hasSize(6);
        assertThat(chosen).filteredOn(lane -> lane.key().equals(BUSY)).hasSize(3);
    }

    @Test
    void aWorkerWithASingleSlotStillServesALoneLane() {
        LaneScheduler scheduler = new LaneScheduler(1);
        enqueue(scheduler, BUSY, 10);

        assertThat(scheduler.nextPermitRequests(key -> null, 0)).hasSize(1);
    }

    @Test
    void aCappedLaneAsksForWhatItsCapLeavesAndOneRequestThatWaitsForTheNextFreePermit() {
        LaneScheduler scheduler = new LaneScheduler(100);
        Lane lane = enqueue(scheduler, BUSY, 10);
        lane.taskStarted();

        List<Lane> chosen = scheduler.nextPermitRequests(key -> 3, 0);
        assertThat(chosen).as("2 free under the cap of 3, and 1 waiting").hasSize(3);

        chosen.forEach(l -> l.acquireStarted());
        assertThat(scheduler.nextPermitRequests(key -> 3, 0)).as("no second waiter").isEmpty();
        lane.acquireEnded();
        lane.taskStarted();
        lane.acquireEnded();
        lane.taskStarted();
        assertThat(scheduler.nextPermitRequests(key -> 3, 0)).as("3 running, 1 waiting").isEmpty();
    }

    @Test
    void aLaneAsksForNoMorePermitsThanItHasReviewsQueued() {
        LaneScheduler scheduler = new LaneScheduler(100);
        enqueue(scheduler, BUSY, 2);

        assertThat(scheduler.nextPermitRequests(key -> null, 0)).hasSize(2);
    }

    @Test
    void permitsBeingAskedForCountAgainstTheWorkersBudget() {
        LaneScheduler scheduler = new LaneScheduler(4);
        Lane lane = enqueue(scheduler, BUSY, 10);
        lane.acquireStarted();
        lane.acquireStarted();

        assertThat(scheduler.committedCapacity()).isEqualTo(2);
        assertThat(scheduler.nextPermitRequests(key -> null, 0)).hasSize(1);
    }

    @Test
    void turnsResumeWhereTheLastRoundStopped() {
        LaneScheduler scheduler = new LaneScheduler(1);
        enqueue(scheduler, BUSY, 10);
        enqueue(scheduler, QUIET, 10);

        LaneKey first = scheduler.nextPermitRequests(key -> null, 0).getFirst().key();
        LaneKey second = scheduler.nextPermitRequests(key -> null, 0).getFirst().key();

        assertThat(List.of(first, second)).containsExactlyInAnyOrder(BUSY, QUIET);
    }

    @Test
    void aLaneThatCouldNotReachThePermitStoreWaitsBeforeAskingAgain() {
        LaneScheduler scheduler = new LaneScheduler(10);
        Lane lane = enqueue(scheduler, BUSY, 5);
        lane.backOffUntil(1_000);

        assertThat(scheduler.nextPermitRequests(key -> null, 999)).isEmpty();
        assertThat(scheduler.nextPermitRequests(key -> null, 1_000)).isNotEmpty();
    }

    @Test
    void aReviewWaitingForARetryIsNotAskedForBeforeItsTime() {
        LaneScheduler scheduler = new LaneScheduler(10);
        Lane lane = scheduler.lane(BUSY);
        lane.enqueue(new QueuedReview(new ConsumerRecord<>("t", 0, 0, null, new byte[1]), new TopicPartition("t", 0),
                1, 5_000));

        assertThat(scheduler.nextPermitRequests(key -> null, 4_999)).isEmpty();
        assertThat(scheduler.nextReadyAtMillis(4_999)).isEqualTo(5_000);
        assertThat(lane.pollReady(4_999)).isNull();
        assertThat(scheduler.nextPermitRequests(key -> null, 5_000)).hasSize(1);
        assertThat(lane.pollReady(5_000)).isNotNull();
    }

    @Test
    void idleLanesAreForgottenAndDroppedPartitionsLeaveTheQueue() {
        LaneScheduler scheduler = new LaneScheduler(10);
        Lane lane = enqueue(scheduler, BUSY, 3);
        lane.dropPartition(new TopicPartition("t", 0));
        assertThat(lane.queued()).isZero();
        assertThat(lane.queuedBytes()).isZero();

        scheduler.removeIdle();

        assertThat(scheduler.existing(BUSY)).isNull();
    }

    /** The engine asks for each chosen permit; here every one is granted and its call starts. */
    private static void start(List<Lane> chosen) {
        chosen.forEach(Lane::taskStarted);
    }

    private static Lane enqueue(LaneScheduler scheduler, LaneKey key, int count) {
        Lane lane = scheduler.lane(key);
        for (int i = 0; i < count; i++) {
            lane.enqueue(new QueuedReview(new ConsumerRecord<>("t", 0, i, null, new byte[] {1, 2}),
                    new TopicPartition("t", 0), 1, 0));
        }
        return lane;
    }
}
