package dev.byok.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicTroubleTest {

    @Test
    void theBackOffDoublesFromAQuarterSecondAndStopsAtTenSeconds() {
        DispatchLoop.TopicTrouble trouble = DispatchLoop.TopicTrouble.NONE;
        assertThat(trouble.backOffMillis()).isZero();
        long[] expected = {250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000};
        for (long millis : expected) {
            trouble = trouble.next();
            assertThat(trouble.backOffMillis()).isEqualTo(millis);
        }
    }
}
