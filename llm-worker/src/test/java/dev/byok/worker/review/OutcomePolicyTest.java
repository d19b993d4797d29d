package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomePolicyTest {

    /** The README's fallback table, row by row: every outcome there is, none left out. */
    private static final Map<AttemptOutcome, OutcomePolicy> TABLE = new EnumMap<>(Map.ofEntries(
            Map.entry(AttemptOutcome.SUCCESS, new OutcomePolicy(false, false, false)),
            Map.entry(AttemptOutcome.RATE_LIMITED, new OutcomePolicy(true, true, true)),
            Map.entry(AttemptOutcome.SERVER_ERROR, new OutcomePolicy(true, true, true)),
            Map.entry(AttemptOutcome.TRUNCATED, new OutcomePolicy(true, true, true)),
            Map.entry(AttemptOutcome.TIMEOUT, new OutcomePolicy(true, true, true)),
            Map.entry(AttemptOutcome.NETWORK, new OutcomePolicy(true, true, true)),
            Map.entry(AttemptOutcome.AUTH_FAILED, new OutcomePolicy(true, false, true)),
            Map.entry(AttemptOutcome.PAYMENT_REQUIRED, new OutcomePolicy(true, false, true)),
            Map.entry(AttemptOutcome.MODEL_NOT_FOUND, new OutcomePolicy(true, false, true)),
            Map.entry(AttemptOutcome.INVALID_REQUEST, new OutcomePolicy(true, false, false)),
            Map.entry(AttemptOutcome.CONTENT_FILTERED, new OutcomePolicy(false, false, false))));

    @Test
    void everyOutcomeHasItsRowOfTheTable() {
        assertThat(TABLE).hasSize(AttemptOutcome.values().length);
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            assertThat(OutcomePolicy.of(outcome)).as(outcome.name()).isEqualTo(TABLE.get(outcome));
        }
    }

    @Test
    void onlyWhatCouldClearByWaitingIsRetriedAndItAlsoGoesToTheFallback() {
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            OutcomePolicy policy = OutcomePolicy.of(outcome);
            if (policy.retryLater()) {
                assertThat(policy.toFallback()).as(outcome.name()).isTrue();
                assertThat(policy.breakerFailure()).as(outcome.name()).isTrue();
            }
        }
    }
}
