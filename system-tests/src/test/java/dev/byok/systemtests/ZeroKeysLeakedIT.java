package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs last (failsafe runs the system tests in alphabetical order): after every other scenario,
 * each review requested got exactly one outcome, and no key used by any test appears in any topic
 * (every byte, internal topics and aborted transactions included) or in any service's log, which
 * ran at DEBUG.
 */
class ZeroKeysLeakedIT {

    @Test
    void everyRequestedReviewHasExactlyOneOutcome() {
        ReviewTraffic traffic = SystemUnderTest.traffic();
        assertThat(TestOrgs.REVIEWS_SENT).isNotEmpty();
        for (String reviewId : TestOrgs.REVIEWS_SENT) {
            assertThat(traffic.outcomes(reviewId)).as(reviewId).hasSize(1);
        }
    }

    @Test
    void noKeyUsedAppearsInAnyTopicOrServiceLog() throws IOException {
        Stack stack = SystemUnderTest.stack();
        assertThat(TestOrgs.KEYS_USED).isNotEmpty();
        for (Path log : stack.logFiles()) {
            assertThat(Files.readString(log)).as("logs ran at DEBUG").contains("DEBUG");
        }

        assertThat(SecretScan.findings(stack, TestOrgs.KEYS_USED)).isEmpty();
    }
}
