package dev.byok.worker.permits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.Infrastructure;
import dev.byok.model.Slot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The permits against a real Redis. */
class RedisPermitGateIT {

    private static RedissonClient redisson;
    private static final String PREFIX = "byok-test-" + UUID.randomUUID() + ":";

    @BeforeAll
    static void connect() {
        redisson = client();
    }

    static RedissonClient client() {
        Config config = new Config();
        config.useSingleServer().setAddress(Infrastructure.redisUrl());
        return Redisson.create(config);
    }

    /** When the one permit of the key ends, as Redis keeps it (epoch ms). */
    private static double leaseEnd(PermitKey key) {
        return redisson.<String>getScoredSortedSet(PREFIX + "permits:{" + key.orgId() + "}:" + key.slot().wire()
                + ":timeout", org.redisson.client.codec.StringCodec.INSTANCE).entryRange(0, 0).iterator().next()
                .getScore();
    }

    @AfterAll
    static void disconnect() {
        redisson.shutdown();
    }

    @Test
    void neverMoreThanTheCapAndAReleasedPermitIsReusable() {
        RedisPermitGate gate = new RedisPermitGate(redisson, PREFIX, Duration.ofMinutes(1), Clock.systemUTC());
        PermitKey key = new PermitKey("cap-" + UUID.randomUUID(), Slot.MAIN);

        Optional<Permit> first = gate.tryAcquire(key, 2, 1, Duration.ZERO);
        Optional<Permit> second = gate.tryAcquire(key, 2, 1, Duration.ZERO);
        Optional<Permit> third = gate.tryAcquire(key, 2, 1, Duration.ofMillis(100));

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(third).isEmpty();
        first.get().release();
        first.get().release();
        assertThat(gate.tryAcquire(key, 2, 1, Duration.ofSeconds(2))).isPresent();
        assertThat(gate.held(key)).isEqualTo(2);
    }

    @Test
    void aWaitingRequestGetsThePermitAsSoonAsItIsReleased() throws Exception {
        RedisPermitGate gate = new RedisPermitGate(redisson, PREFIX, Duration.ofMinutes(1), Clock.systemUTC());
        PermitKey key = new PermitKey("handoff-" + UUID.randomUUID(), Slot.MAIN);
        Permit held = gate.tryAcquire(key, 1, 1, Duration.ZERO).orElseThrow();

        var waiting = Thread.ofVirtual().start(() -> gate.tryAcquire(key, 1, 1, Duration.ofSeconds(10)).orElseThrow());
        held.release();
        waiting.join(Duration.ofSeconds(5));

        assertThat(waiting.isAlive()).isFalse();
        assertThat(gate.held(key)).isEqualTo(1);
    }

    @Test
    void theLeaseOfAPermitWhoseHolderIsGoneRunsOutWithinOneLease() {
        Duration lease = Duration.ofSeconds(1);
        RedisPermitGate survivor = new RedisPermitGate(redisson, PREFIX, lease, Clock.systemUTC());
        PermitKey key = new PermitKey("lease-" + UUID.randomUUID(), Slot.FALLBACK);
        RedissonClient doomed = client();
        new RedisPermitGate(doomed, PREFIX, lease, Clock.systemUTC()).tryAcquire(key, 1, 1, Duration.ZERO).orElseThrow();
        doomed.shutdown(); // gone without a word: no release, no more renewals
        Instant gone = Instant.now();

        Optional<Permit> after = survivor.tryAcquire(key, 1, 1, Duration.ofSeconds(10));

        assertThat(after).isPresent();
        assertThat(Duration.between(gone, Instant.now())).as("back within one lease and a poll")
                .isLessThan(lease.plus(RedisPermitGate.WAITER_TTL));
    }

    @Test
    void aWaitingRequestTakesTheLeaseOfADeadHolderSoonAfterItRunsOutNotAtTheEndOfItsWait() {
        Duration lease = Duration.ofMillis(700);
        RedisPermitGate gate = new RedisPermitGate(redisson, PREFIX, lease, Clock.systemUTC());
        for (int round = 0; round < 4; round++) {
            PermitKey key = new PermitKey("dead-holder-" + UUID.randomUUID(), Slot.MAIN);
            RedissonClient doomed = client();
            new RedisPermitGate(doomed, PREFIX, lease, Clock.systemUTC()).tryAcquire(key, 1, 1, Duration.ZERO)
                    .orElseThrow();
            doomed.shutdown();
            Instant asked = Instant.now();
            CompletableFuture<Optional<Permit>> waiting = CompletableFuture.supplyAsync(
                    () -> gate.tryAcquire(key, 1, 1, Duration.ofSeconds(10)));

            await().atMost(lease.plusMillis(1300)).until(waiting::isDone);
            assertThat(waiting.join()).as("round %d, after %s", round, Duration.between(asked, Instant.now()))
                    .isPresent();
        }
    }

    @Test
    void theWatchdogRenewsTheLeaseWhileThePermitIsHeldSoACallMayOutliveManyLeases() {
        // Long enough that a loaded machine (a full build beside it) never delays a renewal past the lease.
        Duration lease = Duration.ofSeconds(3);
        RedisPermitGate gate = new RedisPermitGate(redisson, PREFIX, lease, Clock.systemUTC());
        RedisPermitGate other = new RedisPermitGate(redisson, PREFIX, lease, Clock.systemUTC());
        PermitKey key = new PermitKey("watchdog-" + UUID.randomUUID(), Slot.MAIN);
        Permit permit = gate.tryAcquire(key, 1, 1, Duration.ZERO).orElseThrow();
        Instant taken = Instant.now();
        double firstEnd = leaseEnd(key);

        await().atMost(Duration.ofSeconds(20)).until(() -> Duration.between(taken, Instant.now())
                .compareTo(lease.multipliedBy(3)) >= 0);

        assertThat(leaseEnd(key)).as("the lease was moved on").isGreaterThan(firstEnd + 2 * lease.toMillis());
        assertThat(other.tryAcquire(key, 1, 1, Duration.ZERO)).as("the cap is still held").isEmpty();
        assertThat(permit.renew()).as("a call may start, for its full timeout").hasValue(Instant.MAX);
        permit.release();
        assertThat(other.tryAcquire(key, 1, 1, Duration.ofSeconds(5))).isPresent();
    }

    @Test
    void aLeaseThatRanOutCannotBeRenewedSoItsPermitIsNeverUsedForACall() {
        Duration lease = Duration.ofMillis(300);
        RedisPermitGate stalled = new RedisPermitGate(redisson, PREFIX, lease, Clock.systemUTC());
        RedisPermitGate gate = new RedisPermitGate(redisson, PREFIX, lease, Clock.systemUTC());
        PermitKey key = new PermitKey("lapsed-" + UUID.randomUUID(), Slot.MAIN);
        Permit lapsed = stalled.tryAcquire(key, 1, 1, Duration.ZERO).orElseThrow();
        stalled.close(); // its watchdog stops, as in a worker frozen for longer than a lease
        Permit successor = gate.tryAcquire(key, 1, 1, Duration.ofSeconds(5)).orElseThrow();

        assertThat(lapsed.renew()).isEmpty();
        assertThat(successor.renew()).isPresent();
        assertThat(gate.held(key)).isEqualTo(1);
    }

    @Test
    void aReleasedPermitCannotBeRenewed() {
        RedisPermitGate gate = new RedisPermitGate(redisson, PREFIX, Duration.ofMinutes(1), Clock.systemUTC());
        PermitKey key = new PermitKey("released-" + UUID.randomUUID(), Slot.MAIN);
        Permit permit = gate.tryAcquire(key, 1, 1, Duration.ZERO).orElseThrow();

        permit.release();

        assertThat(permit.renew()).isEmpty();
    }

    @Test
    void aResizeHoldsOnceTheCallsOfTheOldSizeEnd() {
        RedisPermitGate gate = new RedisPermitGate(redisson, PREFIX, Duration.ofMinutes(1), Clock.systemUTC());
        PermitKey key = new PermitKey("resize-" + UUID.randomUUID(), Slot.MAIN);
        List<Permit> underFive = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            underFive.add(gate.tryAcquire(key, 5, 2, Duration.ZERO).orElseThrow());
        }

        // the cap goes down to 2 (config version 3) while 5 calls run
        assertThat(gate.tryAcquire(key, 2, 3, Duration.ZERO)).isEmpty();
        underFive.forEach(Permit::release);
        List<Permit> underTwo = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gate.tryAcquire(key, 2, 3, Duration.ofMillis(200)).ifPresent(underTwo::add);
        }

        assertThat(underTwo).hasSize(2);
        underTwo.forEach(Permit::release);
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.held(key) == 0);
    }

    @Test
    void aConfigOlderThanTheOneTheSemaphoreWasSizedFromNeverResizesIt() {
        RedisPermitGate newer = new RedisPermitGate(redisson, PREFIX, Duration.ofMinutes(1), Clock.systemUTC());
        RedisPermitGate older = new RedisPermitGate(redisson, PREFIX, Duration.ofMinutes(1), Clock.systemUTC());
        PermitKey key = new PermitKey("versions-" + UUID.randomUUID(), Slot.MAIN);

        newer.tryAcquire(key, 1, 7, Duration.ZERO).orElseThrow();
        Optional<Permit> withStaleCap = older.tryAcquire(key, 10, 6, Duration.ofMillis(100));

        assertThat(withStaleCap).as("a worker that has not seen version 7 yet must not raise the cap").isEmpty();
    }

    @Test
    void noCapMeansNoSharedSemaphore() {
        RedisPermitGate gate = new RedisPermitGate(redisson, PREFIX, Duration.ofMinutes(1), Clock.systemUTC());
        PermitKey key = new PermitKey("free-" + UUID.randomUUID(), Slot.MAIN);

        for (int i = 0; i < 50; i++) {
            assertThat(gate.tryAcquire(key, null, 1, Duration.ZERO)).hasValueSatisfying(
                    permit -> assertThat(permit.renew()).as("nothing runs out").hasValue(Instant.MAX));
        }
        assertThat(redisson.getKeys().countExists(PREFIX + "permits:{" + key.orgId() + "}:main:cap",
                PREFIX + "permits:{" + key.orgId() + "}:main:timeout")).isZero();
    }
}
