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
    void theMetricsOfEveryServiceSayWhatHappenedPerOrgAndHoldNoKey() throws Exception {
        Stack stack = SystemUnderTest.stack();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        StringBuilder all = new StringBuilder();
        for (var service : java.util.stream.Stream.concat(java.util.stream.Stream.of(stack.configService(),
                stack.dispatcher()), stack.workers().stream()).toList()) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(service.baseUrl() + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service.name()).isEqualTo(200);
            all.append(response.body());
        }
        String metrics = all.toString();

        assertThat(metrics).contains("byok_worker_attempts_total{", "byok_worker_calls_in_flight{",
                "byok_worker_permits_cap{", "byok_worker_permits_wait_seconds", "byok_worker_provider_latency_seconds",
                "byok_worker_tokens_total{", "byok_worker_fallbacks_total{", "byok_worker_outcomes_total{",
                "byok_worker_partitions_paused", "byok_dispatcher_requests_total{", "byok_config_probes_total{");
        for (String key : TestOrgs.KEYS_USED) {
            assertThat(metrics).doesNotContain(key);
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

    @Test
    void noHttpResponseOfTheRestApiHeldAKey() {
        java.util.List<String> responses = dev.byok.localstack.ByokApi.responsesSeen();
        assertThat(responses).hasSizeGreaterThan(100);
        for (String key : TestOrgs.KEYS_USED) {
            String base64 = java.util.Base64.getEncoder().encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(responses).noneMatch(r -> r.contains(key) || r.contains(base64));
        }
    }
}
