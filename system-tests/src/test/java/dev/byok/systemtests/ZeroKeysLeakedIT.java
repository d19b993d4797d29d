package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last (JUnit's class orderer, see {@code junit-platform.properties}): after every other
 * scenario, each review requested got exactly one outcome, and no key used by any test, plain or
 * base64, appears in any topic (every byte, internal topics and aborted transactions included), in
 * any service's log (root logging at DEBUG), in any service's metrics or in any REST response.
 */
@Order(Integer.MAX_VALUE)
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
    void theMetricsOfEveryServiceSayWhatHappenedPerOrgAndHoldNoKey() {
        Stack stack = SystemUnderTest.stack();
        String metrics = String.join("\n", SecretScan.metrics(stack).values());

        assertThat(metrics).contains("byok_worker_attempts_total{", "byok_worker_calls_in_flight{",
                "byok_worker_permits_cap{", "byok_worker_permits_wait_seconds", "byok_worker_provider_latency_seconds",
                "byok_worker_tokens_total{", "byok_worker_fallbacks_total{", "byok_worker_outcomes_total{", "byok_worker_partitions_paused",
                "byok_worker_transactions_seconds_count{committed=\"true\"",
                "byok_dispatcher_requests_total{", "byok_config_probes_total{");
        for (String key : TestOrgs.KEYS_USED) {
            for (String form : SecretScan.forms(key)) {
                assertThat(metrics).doesNotContain(form);
            }
        }
    }

    @Test
    void configServiceMetricsNameOrgsSoTheyNeedAnAdminToken() {
        Stack stack = SystemUnderTest.stack();
        ByokApi anonymous = stack.api(null);
        ByokApi orgOwner = stack.api(stack.tokens().forOrgs(List.of("acme"), java.time.Duration.ofMinutes(5)));

        assertThat(anonymous.send("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
        assertThat(orgOwner.send("GET", "/actuator/prometheus", null, null).status()).isEqualTo(403);
        assertThat(orgOwner.send("GET", "/actuator/metrics", null, null).status()).isEqualTo(403);
        assertThat(anonymous.send("GET", "/actuator/health", null, null).status()).as("health stays public")
                .isEqualTo(200);
    }

    @Test
    void noKeyUsedAppearsInAnyTopicServiceLogOrMetrics() throws IOException {
        Stack stack = SystemUnderTest.stack();
        assertThat(TestOrgs.KEYS_USED).hasSizeGreaterThan(50);
        for (Path log : stack.logFiles()) {
            // Line by line: a whole run's DEBUG log is too big to hold as one string.
            try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                assertThat(lines.anyMatch(line -> SystemUnderTest.FRAMEWORK_DEBUG_LINE.matcher(line).find()))
                        .as(log + " ran with root logging at DEBUG").isTrue();
            }
        }

        assertThat(SecretScan.findings(stack, TestOrgs.KEYS_USED)).isEmpty();
    }

    @Test
    void noHttpResponseOfTheRestApiHeldAKey() {
        List<String> responses = ByokApi.responsesSeen();
        assertThat(responses).hasSizeGreaterThan(100);
        for (String key : TestOrgs.KEYS_USED) {
            for (String form : SecretScan.forms(key)) {
                assertThat(responses).noneMatch(r -> r.contains(form));
            }
        }
    }
}
