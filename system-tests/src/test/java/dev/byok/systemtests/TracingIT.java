package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ReviewTraffic;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Slot;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One review, one trace across the processes: the dispatcher's span, each worker's review and
 * provider call, and the move to the fallback, linked parent to child through the Kafka records'
 * headers. Every service writes its finished spans to its own file (byok.trace-file, set for the
 * system tests) where this test reads them; a real deployment exports the same spans over OTLP.
 */
class TracingIT {

    @Test
    void aReviewServedByItsFallbackIsOneTraceFromDispatchToTheFallbacksCall() throws Exception {
        var stack = SystemUnderTest.stack();
        ReviewTraffic traffic = SystemUnderTest.traffic();
        TestOrgs orgs = new TestOrgs(stack);
        String org = Slots.newOrgId("traced");
        String mainKey = orgs.key(KeyBehaviour.ok().failingAlways(Fault.rateLimited(Duration.ofSeconds(2))));
        String fallbackKey = orgs.key(KeyBehaviour.ok());
        orgs.save(org, "main", mainKey, null);
        orgs.save(org, "fallback", fallbackKey, null);
        String reviewId = org + "-t1";

        TestOrgs.REVIEWS_SENT.add(reviewId);
        traffic.send(ReviewTraffic.request(reviewId, org, "diff --git a/C.java b/C.java\n+ return 1;"));
        ReviewOutcome outcome = traffic.await(reviewId, Duration.ofSeconds(60));
        assertThat(outcome.servedBy()).isEqualTo(Slot.FALLBACK);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> trace(reviewId).size() >= 6);
        List<JsonNode> trace = trace(reviewId);
        JsonNode dispatch = only(trace, "byok.dispatch", null);
        JsonNode mainReview = only(trace, "byok.review", "main");
        JsonNode mainCall = only(trace, "byok.provider.call", "main");
        JsonNode fallback = only(trace, "byok.fallback", null);
        JsonNode fallbackReview = only(trace, "byok.review", "fallback");
        JsonNode fallbackCall = only(trace, "byok.provider.call", "fallback");

        assertThat(dispatch.path("service").asString()).isEqualTo("review-dispatcher");
        assertThat(parentOf(mainReview)).as("the worker continues the dispatcher's span").isEqualTo(idOf(dispatch));
        assertThat(parentOf(mainCall)).isEqualTo(idOf(mainReview));
        assertThat(mainCall.path("attributes").path("byok.outcome").asString()).isEqualTo("RATE_LIMITED");
        assertThat(parentOf(fallback)).isEqualTo(idOf(mainReview));
        assertThat(parentOf(fallbackReview)).as("the fallback's review continues from the move").isEqualTo(idOf(fallback));
        assertThat(parentOf(fallbackCall)).isEqualTo(idOf(fallbackReview));
        assertThat(fallbackCall.path("attributes").path("byok.outcome").asString()).isEqualTo("SUCCESS");
        assertThat(fallbackCall.path("attributes").path("byok.provider").asString()).isNotBlank();

        String allSpans = String.join("\n", spanLines());
        assertThat(allSpans).as("no key in any span of any service").doesNotContain(mainKey).doesNotContain(fallbackKey);
        for (String key : TestOrgs.KEYS_USED) {
            assertThat(allSpans).doesNotContain(key);
        }
    }

    /** Every span of the trace that the dispatcher's span for this review belongs to. */
    private static List<JsonNode> trace(String reviewId) throws IOException {
        List<JsonNode> spans = new ArrayList<>();
        for (String line : spanLines()) {
            spans.add(Json.lenient().readTree(line));
        }
        String traceId = spans.stream().filter(s -> s.path("name").asString().equals("byok.dispatch")
                        && s.path("attributes").path("byok.review").asString().equals(reviewId))
                .map(s -> s.path("traceId").asString()).findFirst().orElse(null);
        return traceId == null ? List.of()
                : spans.stream().filter(s -> s.path("traceId").asString().equals(traceId)).toList();
    }

    private static List<String> spanLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(SystemUnderTest.SPANS)) {
            for (Path file : files.toList()) {
                Files.readAllLines(file).stream().filter(l -> l.startsWith("{") && l.endsWith("}")).forEach(lines::add);
            }
        }
        return lines;
    }

    private static JsonNode only(List<JsonNode> trace, String name, String slot) {
        List<JsonNode> matching = trace.stream().filter(s -> s.path("name").asString().equals(name))
                .filter(s -> slot == null || s.path("attributes").path("byok.slot").asString().equals(slot)).toList();
        assertThat(matching).as(name + (slot == null ? "" : " on " + slot) + " in " + trace).hasSize(1);
        return matching.getFirst();
    }

    private static String idOf(JsonNode span) {
        return span.path("spanId").asString();
    }

    private static String parentOf(JsonNode span) {
        return span.path("parentSpanId").asString();
    }
}
