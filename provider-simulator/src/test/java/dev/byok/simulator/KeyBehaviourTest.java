package dev.byok.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyBehaviourTest {

    @Test
    void okIsImmediateUnlimitedAndFaultFree() {
        KeyBehaviour ok = KeyBehaviour.ok();

        assertThat(ok.latency()).isZero();
        assertThat(ok.concurrencyCap()).isNull();
        assertThat(ok.models()).isEqualTo(KeyBehaviour.DEFAULT_MODELS);
        assertThat(ok.queuedFaults()).isEmpty();
        assertThat(ok.alwaysFault()).isNull();
        assertThat(ok.contentFor("glm-4.7")).isEqualTo("Simulated review by glm-4.7: looks good.");
    }

    @Test
    void withersReturnChangedCopies() {
        KeyBehaviour ok = KeyBehaviour.ok();
        KeyBehaviour changed = ok.withLatency(Duration.ofMillis(5)).withConcurrencyCap(3).withModels("a").withContent("text");

        assertThat(ok).isEqualTo(KeyBehaviour.ok());
        assertThat(changed.latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(changed.concurrencyCap()).isEqualTo(3);
        assertThat(changed.models()).containsExactly("a");
        assertThat(changed.contentFor("m")).isEqualTo("text");
        assertThat(changed.withUnlimitedConcurrency().concurrencyCap()).isNull();
    }

    @Test
    void failingNextAppendsAndFaultSequenceReplaces() {
        Fault limited = Fault.rateLimited();
        Fault drop = Fault.connectionDrop();

        KeyBehaviour queued = KeyBehaviour.ok().failingNext(2, limited).failingNext(1, drop);
        assertThat(queued.queuedFaults()).containsExactly(limited, limited, drop);
        assertThat(queued.withFaultSequence(drop).queuedFaults()).containsExactly(drop);
        assertThat(queued.failingAlways(drop).alwaysFault()).isEqualTo(drop);
        assertThat(queued.failingAlways(drop).failingAlways(null).alwaysFault()).isNull();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> KeyBehaviour.ok().withLatency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBehaviour.ok().withConcurrencyCap(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBehaviour.ok().failingNext(-1, Fault.hang())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.httpError(200, "ok")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.rateLimited(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
