package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.localstack.TopicScan;
import dev.byok.model.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
        Map<String, List<byte[]>> everything = TopicScan.readEverything(stack.kafkaBootstrap());
        assertThat(everything).containsKeys(Topics.CONFIGS, Topics.REVIEWS_RESULTS);
        List<String> logs = new ArrayList<>();
        for (Path log : stack.logFiles()) {
            logs.add(Files.readString(log));
        }
        assertThat(String.join("", logs)).contains("DEBUG");
        for (String key : TestOrgs.KEYS_USED) {
            for (String form : List.of(key, Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)))) {
                byte[] needle = form.getBytes(StandardCharsets.UTF_8);
                everything.forEach((topic, chunks) -> assertThat(chunks).as("topic " + topic)
                        .noneMatch(chunk -> indexOf(chunk, needle) >= 0));
                assertThat(logs).noneMatch(log -> log.contains(form));
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
