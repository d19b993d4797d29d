package dev.byok.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.KeyStats;
import org.junit.jupiter.api.Test;

class KeyStateTest {

    @Test
    void neverAdmitsMoreThanTheCap() {
        KeyState state = new KeyState();

        assertThat(state.tryAdmit(2)).isTrue();
        assertThat(state.tryAdmit(2)).isTrue();
        assertThat(state.tryAdmit(2)).isFalse();
        state.releaseSlot();
        assertThat(state.tryAdmit(2)).isTrue();
        assertThat(state.tryAdmit(0)).isFalse();
        assertThat(state.tryAdmit(null)).isTrue();
    }

    @Test
    void visitsCountInFlightFromArrivalIncludingRejectedOnes() {
        KeyState state = new KeyState();
        Visit first = new Visit(state, true);
        Visit second = new Visit(state, true);

        assertThat(first.admit(1)).isTrue();
        assertThat(second.admit(1)).isFalse();
        assertThat(state.counters().snapshot().inFlight()).isEqualTo(2);
        second.finish(429, false);
        first.finish(200, true);
        first.finish(200, true);

        KeyStats stats = state.counters().snapshot();
        assertThat(stats.inFlight()).isZero();
        assertThat(stats.maxInFlight()).isEqualTo(2);
        assertThat(stats.requests()).isEqualTo(2);
        assertThat(stats.succeeded()).isEqualTo(1);
        assertThat(stats.concurrencyRejections()).isEqualTo(1);
        assertThat(stats.byStatus()).containsEntry(200, 1L).containsEntry(429, 1L);
        assertThat(state.tryAdmit(1)).isTrue();
    }

    @Test
    void unprogrammedKeysHaveNoProgramming() {
        KeyState state = new KeyState();
        assertThat(state.programming()).isNull();

        state.program(KeyBehaviour.ok().failingNext(1, Fault.hang()));

        assertThat(state.programming().faults().next()).isEqualTo(Fault.hang());
        assertThat(state.programming().faults().next()).isNull();
    }
}
