package dev.byok.worker.permits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.model.Slot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The hand-out order across workers, each worker its own Redisson client on the real Redis: a
 * released permit goes to the request that has waited longest, whichever worker it waits on; a
 * request that arrives while others wait queues behind them; a dead waiter loses its place.
 */
class PermitOrderIT {

    private static final String PREFIX = "byok-test-" + UUID.randomUUID() + ":";
    private static final Duration LEASE = Duration.ofSeconds(20);
    /** Every waiter its own thread (the common pool may have one thread on a small machine). */
    private static final java.util.concurrent.Executor THREADS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private static final List<RedissonClient> clients = new ArrayList<>();
    private static final List<RedisPermitGate> workers = new ArrayList<>();

    @BeforeAll
    static void startWorkers() {
        for (int i = 0; i < 3; i++) {
            RedissonClient client = RedisPermitGateIT.client();
            clients.add(client);
            workers.add(new RedisPermitGate(client, PREFIX, LEASE, Clock.systemUTC()));
        }
    }

    @AfterAll
    static void stopWorkers() {
        workers.forEach(RedisPermitGate::close);
        clients.forEach(RedissonClient::shutdown);
    }

    @ParameterizedTest(name = "{0} workers, cap {1}")
    @CsvSource({"2, 1", "3, 1", "2, 4", "3, 4"})
    void releasedPermitsGoToTheWaitersInTheOrderTheyArrivedAcrossWorkers(int workerCount, int cap) {
        PermitKey key = new PermitKey("order-" + UUID.randomUUID(), Slot.MAIN);
        List<Permit> holders = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            holders.add(workers.get(i % workerCount).tryAcquire(key, cap, 1, Duration.ZERO).orElseThrow());
        }
        int waiterCount = 2 * cap + 2;
        List<Integer> granted = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Permit>> waiters = new ArrayList<>();
        for (int n = 0; n < waiterCount; n++) {
            int arrival = n;
            // Arrivals alternate between the workers, each only once the one before is in line.
            RedisPermitGate worker = workers.get((n + 1) % workerCount);
            waiters.add(CompletableFuture.supplyAsync(() -> {
                Permit permit = worker.tryAcquire(key, cap, 1, Duration.ofSeconds(60)).orElseThrow();
                granted.add(arrival);
                return permit;
            }, THREADS));
            await().atMost(Duration.ofSeconds(10)).until(() -> inLine(key) == arrival + 1);
        }

        // Free one permit at a time; each goes to the next waiter in arrival order.
        List<Permit> toRelease = new ArrayList<>(holders);
        for (int released = 1; released <= waiterCount; released++) {
            toRelease.removeFirst().release();
            int expected = released;
            await().atMost(Duration.ofSeconds(10)).until(() -> granted.size() == expected);
            toRelease.add(waiters.get(released - 1).join());
            assertThat(workers.getFirst().held(key)).as("the cap holds").isLessThanOrEqualTo(cap);
        }

        assertThat(granted).containsExactlyElementsOf(IntStream.range(0, waiterCount).boxed().toList());
        toRelease.forEach(Permit::release);
    }

    @Test
    void aRequestArrivingWhileOthersWaitDoesNotTakeAPermitBeforeThem() {
        PermitKey key = new PermitKey("no-barging-" + UUID.randomUUID(), Slot.MAIN);
        Permit holder = workers.get(0).tryAcquire(key, 1, 1, Duration.ZERO).orElseThrow();
        CompletableFuture<Optional<Permit>> first = CompletableFuture.supplyAsync(
                () -> workers.get(1).tryAcquire(key, 1, 1, Duration.ofSeconds(30)), THREADS);
        await().atMost(Duration.ofSeconds(10)).until(() -> inLine(key) == 1);

        holder.release();
        Optional<Permit> newcomer = workers.get(2).tryAcquire(key, 1, 1, Duration.ZERO);

        assertThat(newcomer).as("the newcomer must queue behind the waiter").isEmpty();
        assertThat(first.join()).isPresent();
        first.join().get().release();
    }

    @Test
    void aDeadWaiterLosesItsPlaceAndTheNextInLineGetsThePermit() {
        PermitKey key = new PermitKey("dead-waiter-" + UUID.randomUUID(), Slot.MAIN);
        Permit holder = workers.get(0).tryAcquire(key, 1, 1, Duration.ZERO).orElseThrow();
        RedissonClient doomed = RedisPermitGateIT.client();
        RedisPermitGate dying = new RedisPermitGate(doomed, PREFIX, LEASE, Clock.systemUTC());
        CompletableFuture.runAsync(() -> dying.tryAcquire(key, 1, 1, Duration.ofSeconds(60)), THREADS);
        await().atMost(Duration.ofSeconds(10)).until(() -> inLine(key) == 1);
        CompletableFuture<Optional<Permit>> second = CompletableFuture.supplyAsync(
                () -> workers.get(1).tryAcquire(key, 1, 1, Duration.ofSeconds(30)), THREADS);
        await().atMost(Duration.ofSeconds(10)).until(() -> inLine(key) == 2);

        doomed.shutdown(); // the first in line is gone, without leaving the line
        holder.release();

        await().atMost(RedisPermitGate.WAITER_TTL.multipliedBy(4)).until(second::isDone);
        assertThat(second.join()).isPresent();
        second.join().get().release();
    }

    private static int inLine(PermitKey key) {
        return redisson().getScoredSortedSet(PREFIX + "permits:{" + key.orgId() + "}:" + key.slot().wire() + ":queue",
                StringCodec.INSTANCE).size();
    }

    private static RedissonClient redisson() {
        return clients.getFirst();
    }
}
