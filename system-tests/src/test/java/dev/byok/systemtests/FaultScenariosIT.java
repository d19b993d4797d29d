package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.RedisPeek;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ProviderId;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewRequested;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.Usage;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failover scenarios of the failoverbench catalogue, each against the running system: what was
 * attempted, how long until the fallback took over, the outcome, and that no permit stayed held.
 * Workers run with a 3 s request timeout (SystemUnderTest).
 */
class FaultScenariosIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** Handing a failed review to the fallback is one Kafka transaction and a poll: well under a second here. */
    private static final Duration QUICK_HANDOVER = Duration.ofSeconds(2);

    private static Stack stack;
    private static ReviewTraffic traffic;
    private static TestOrgs orgs;
    private static RedisPeek redis;

    @BeforeAll
    static void start() {
        stack = SystemUnderTest.stack();
        traffic = SystemUnderTest.traffic();
        orgs = new TestOrgs(stack);
        redis = new RedisPeek(stack.redisUrl());
    }

    @Test
    void aRateLimitWithRetryAfterCoolsMainDownForEveryWorker() {
        Pair org = org("s01", KeyBehaviour.ok().failingAlways(Fault.rateLimited(Duration.ofSeconds(20))));

        ReviewOutcome first = serve(org, 1).getFirst();
        List<ReviewOutcome> during = serve(org, 4);

        assertFallbackServed(first, AttemptOutcome.RATE_LIMITED);
        assertThat(first.attempts().getFirst().retryAfterMs()).isEqualTo(20_000);
        assertThat(during).allSatisfy(o -> {
            assertThat(o.servedBy()).isEqualTo(Slot.FALLBACK);
            assertThat(o.attempts()).as("no call to main while it cools down").extracting(Attempt::slot)
                    .containsExactly(Slot.FALLBACK);
        });
        assertThat(stack.simulator().stats(org.main()).requests()).isEqualTo(1);
        assertNoPermitHeld(org);
    }

    @Test
    void aRateLimitWithoutRetryAfterFallsBackAndMainIsTriedAgainNextTime() {
        Pair org = org("s02", KeyBehaviour.ok().failingNext(1, Fault.rateLimited()));

        ReviewOutcome first = serve(org, 1).getFirst();
        ReviewOutcome second = serve(org, 1).getFirst();

        assertFallbackServed(first, AttemptOutcome.RATE_LIMITED);
        assertThat(first.attempts().getFirst().retryAfterMs()).isNull();
        assertThat(second.servedBy()).isEqualTo(Slot.MAIN);
        assertNoPermitHeld(org);
    }

    @Test
    void oneServerErrorCostsOneReviewAFallbackAndNothingMore() {
        Pair org = org("s03", KeyBehaviour.ok().failingNext(1, Fault.httpError(500, "internal error")));

        ReviewOutcome first = serve(org, 1).getFirst();
        List<ReviewOutcome> after = serve(org, 3);

        assertFallbackServed(first, AttemptOutcome.SERVER_ERROR);
        assertThat(first.attempts().getFirst().httpStatus()).isEqualTo(500);
        assertThat(after).allSatisfy(o -> assertThat(o.servedBy()).isEqualTo(Slot.MAIN));
        assertNoPermitHeld(org);
    }

    @Test
    void aMainThatStaysDownIsSkippedOnceItsCircuitOpens() {
        Pair org = org("s04", KeyBehaviour.ok().failingAlways(Fault.httpError(503, "The model is overloaded")));

        List<ReviewOutcome> outcomes = serveOneByOne(org, 16);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.servedBy()).isEqualTo(Slot.FALLBACK));
        long mainCalls = stack.simulator().stats(org.main()).requests();
        // each worker's breaker opens after 5 failed calls: at most 2 x 5 calls reach a dead main
        assertThat(mainCalls).as("calls spent on a dead main").isLessThanOrEqualTo(10);
        assertThat(outcomes.getLast().attempts()).extracting(Attempt::slot).containsExactly(Slot.FALLBACK);
        assertNoPermitHeld(org);
    }

    @Test
    void aConnectionResetIsANetworkFailureAndFallsBack() {
        Pair org = org("s05", KeyBehaviour.ok().failingNext(1, Fault.connectionDrop()));

        ReviewOutcome outcome = serve(org, 1).getFirst();

        assertFallbackServed(outcome, AttemptOutcome.NETWORK);
        assertThat(outcome.attempts().getFirst().httpStatus()).isNull();
        assertNoPermitHeld(org);
    }

    @Test
    void aSilentUpstreamTimesOutAtTheRequestTimeoutAndFallsBack() {
        Pair org = org("s06", KeyBehaviour.ok().failingNext(1, Fault.hang()));

        ReviewOutcome outcome = serve(org, 1).getFirst();

        assertFallbackServed(outcome, AttemptOutcome.TIMEOUT);
        Attempt main = outcome.attempts().getFirst();
        assertThat(main.latencyMs()).isBetween(3_000L, 4_500L);
        assertNoPermitHeld(org);
    }

    @Test
    void aSlowFirstByteWithinTheTimeoutIsNotAFailure() {
        Pair org = org("s07", KeyBehaviour.ok().failingNext(1, Fault.slowFirstByte(Duration.ofMillis(1500))));

        ReviewOutcome outcome = serve(org, 1).getFirst();

        assertThat(outcome.servedBy()).isEqualTo(Slot.MAIN);
        assertThat(outcome.attempts()).singleElement().satisfies(a -> assertThat(a.latencyMs()).isGreaterThanOrEqualTo(1_500));
        assertNoPermitHeld(org);
    }

    @Test
    void aFlappingMainNeverFailsAReview() {
        Fault down = Fault.httpError(502, "bad gateway");
        Fault up = Fault.slowFirstByte(Duration.ZERO); // an ordinary answer
        KeyBehaviour flapping = KeyBehaviour.ok().withFaultSequence(down, up, down, up, down, up, down, up);
        Pair org = org("s08", flapping);

        List<ReviewOutcome> outcomes = serveOneByOne(org, 8);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(ReviewStatus.COMPLETED));
        assertThat(outcomes).extracting(ReviewOutcome::servedBy).contains(Slot.MAIN, Slot.FALLBACK);
        assertNoPermitHeld(org);
    }

    @Test
    void outOfCreditARefusedKeyAVanishedModelAndACutShortAnswerAllFallBack() {
        List<Fault> faults = List.of(Fault.httpError(402, "Insufficient credits"),
                new Fault.HttpError(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota"),
                new Fault.HttpError(429, null, "1113", "Insufficient balance or no resource package"),
                Fault.httpError(401, "Incorrect API key provided"), Fault.httpError(403, "forbidden"),
                Fault.httpError(404, "The model does not exist"), Fault.httpError(529, "Overloaded"),
                Fault.truncated(), Fault.emptyLength());
        // all orgs first, then all reviews: new orgs' topics are discovered together
        List<Pair> pairs = faults.stream().map(fault -> org("s09", KeyBehaviour.ok().failingAlways(fault))).toList();
        List<String> ids = pairs.stream().map(pair -> sendMore(pair, 1).getFirst()).toList();

        for (int i = 0; i < faults.size(); i++) {
            ReviewOutcome outcome = traffic.await(ids.get(i), WITHIN);
            assertThat(outcome.servedBy()).as(faults.get(i).toString()).isEqualTo(Slot.FALLBACK);
            assertThat(outcome.attempts()).as(faults.get(i).toString()).hasSize(2);
        }
    }

    @Test
    void withoutAFallbackAReviewWaitsOutTheCooldownAsALaterRecord() {
        String org = Slots.newOrgId("s10");
        String main = orgs.key(KeyBehaviour.ok().failingNext(1, Fault.rateLimited(Duration.ofSeconds(2))));
        orgs.save(org, "main", main, null);

        List<String> first = orgs.send(traffic, org, 1);
        ReviewOutcome limited = traffic.await(first.getFirst(), WITHIN);

        assertThat(limited.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(limited.servedBy()).isEqualTo(Slot.MAIN);
        assertThat(limited.attempts()).extracting(Attempt::outcome)
                .containsExactly(AttemptOutcome.RATE_LIMITED, AttemptOutcome.SUCCESS);
        Attempt throttled = limited.attempts().get(0);
        Attempt retried = limited.attempts().get(1);
        assertThat(Duration.between(throttled.startedAt(), retried.startedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(stack.simulator().stats(main).requests()).isEqualTo(2);
        await().atMost(SystemUnderTest.PERMIT_LEASE).until(() -> redis.heldPermits(org, "main") == 0);
    }

    @Test
    void anAnthropicMainThatStartsFailingPartWayFallsBackToGemini() {
        String org = Slots.newOrgId("s11");
        String main = orgs.key(KeyBehaviour.ok().withContent("Claude: the loop never ends.").withFaultSequence(
                ANSWER, Fault.truncated(), new Fault.HttpError(529, null, null, "Overloaded"),
                Fault.rateLimited(Duration.ofSeconds(20))));
        String fallback = orgs.key(KeyBehaviour.ok().withContent("Gemini: rename the flag."));
        saveSlot(org, "main", ANTHROPIC, main);
        saveSlot(org, "fallback", GEMINI, fallback);

        ReviewRequested first = review(org, 0);
        ReviewOutcome served = traffic.await(first.reviewId(), WITHIN);
        assertThat(served.servedBy()).isEqualTo(Slot.MAIN);
        assertThat(served.provider()).isEqualTo(ProviderId.ANTHROPIC);
        assertThat(served.content()).isEqualTo("Claude: the loop never ends.");
        assertThat(served.usage()).as("Anthropic's usage block").isEqualTo(usage(first, served.content(), null));
        assertThat(served.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
            assertThat(a.httpStatus()).isEqualTo(200);
        });

        assertFallsBackPartWay(org, 1, ProviderId.ANTHROPIC, AttemptOutcome.SERVER_ERROR, 200, null,
                ProviderId.GOOGLE_GEMINI, "Gemini: rename the flag.", 0L);
        assertFallsBackPartWay(org, 2, ProviderId.ANTHROPIC, AttemptOutcome.SERVER_ERROR, 529, null,
                ProviderId.GOOGLE_GEMINI, "Gemini: rename the flag.", 0L);
        assertFallsBackPartWay(org, 3, ProviderId.ANTHROPIC, AttemptOutcome.RATE_LIMITED, 429, 20_000L,
                ProviderId.GOOGLE_GEMINI, "Gemini: rename the flag.", 0L);
        assertThat(stack.simulator().stats(main).requests()).isEqualTo(4);
        assertNoPermitHeld(new Pair(org, main, fallback));
    }

    @Test
    void aGeminiMainThatStartsFailingPartWayFallsBackToAnthropic() {
        String org = Slots.newOrgId("s12");
        String main = orgs.key(KeyBehaviour.ok().withContent("Gemini: the cache key ignores the locale.")
                .withFaultSequence(ANSWER, Fault.rateLimited(), Fault.httpError(503, "The model is overloaded."),
                        Fault.truncated()));
        String fallback = orgs.key(KeyBehaviour.ok().withContent("Claude: add a test for the empty list."));
        saveSlot(org, "main", GEMINI, main);
        saveSlot(org, "fallback", ANTHROPIC, fallback);

        ReviewRequested first = review(org, 0);
        ReviewOutcome served = traffic.await(first.reviewId(), WITHIN);
        assertThat(served.servedBy()).isEqualTo(Slot.MAIN);
        assertThat(served.provider()).isEqualTo(ProviderId.GOOGLE_GEMINI);
        assertThat(served.content()).isEqualTo("Gemini: the cache key ignores the locale.");
        assertThat(served.usage()).as("Gemini's usageMetadata").isEqualTo(usage(first, served.content(), 0L));

        assertFallsBackPartWay(org, 1, ProviderId.GOOGLE_GEMINI, AttemptOutcome.RATE_LIMITED, 429, null,
                ProviderId.ANTHROPIC, "Claude: add a test for the empty list.", null);
        assertFallsBackPartWay(org, 2, ProviderId.GOOGLE_GEMINI, AttemptOutcome.SERVER_ERROR, 503, null,
                ProviderId.ANTHROPIC, "Claude: add a test for the empty list.", null);
        assertFallsBackPartWay(org, 3, ProviderId.GOOGLE_GEMINI, AttemptOutcome.SERVER_ERROR, 200, null,
                ProviderId.ANTHROPIC, "Claude: add a test for the empty list.", null);
        assertThat(stack.simulator().stats(main).requests()).isEqualTo(4);
        assertNoPermitHeld(new Pair(org, main, fallback));
    }

    /** An ordinary answer in a fault sequence. */
    private static final Fault ANSWER = Fault.slowFirstByte(Duration.ZERO);
    private static final String ANTHROPIC = "\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-6\",\"baseUrl\":\"%s/v1\"";
    private static final String GEMINI = "\"provider\":\"google_gemini\",\"model\":\"gemini-3.1-pro-preview-customtools\","
            + "\"baseUrl\":\"%s/v1beta\"";

    private static void saveSlot(String org, String slot, String providerModelAndBase, String key) {
        String body = "{" + providerModelAndBase.formatted(stack.simulator().rootUrl()) + ",\"apiKey\":\"" + key
                + "\",\"maxConcurrentRequests\":2}";
        dev.byok.localstack.ByokApi.Response saved = orgs.admin().putSlot(org, slot, body);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /** Sends review {@code n} of the org, one at a time, and returns it. */
    private static ReviewRequested review(String org, int n) {
        ReviewRequested request = ReviewTraffic.request(org + "-r" + n, org, "diff --git a/Cache.java b/Cache.java\n"
                + "+ return cache.get(key" + n + ");");
        TestOrgs.REVIEWS_SENT.add(request.reviewId());
        traffic.send(request);
        return request;
    }

    /** The simulator's usage: a token per four characters of prompt and of answer (CONTRACTS: the serving attempt's). */
    private static Usage usage(ReviewRequested request, String content, Long reasoning) {
        long promptChars = request.messages().stream().mapToLong(m -> m.content().length()).sum();
        return new Usage((promptChars + 3) / 4, (content.length() + 3L) / 4, reasoning);
    }

    private static void assertFallsBackPartWay(String org, int n, ProviderId mainProvider, AttemptOutcome mainOutcome,
            int mainStatus, Long retryAfterMs, ProviderId fallbackProvider, String fallbackContent,
            Long fallbackReasoning) {
        ReviewRequested request = review(org, n);
        ReviewOutcome outcome = traffic.await(request.reviewId(), WITHIN);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.servedBy()).isEqualTo(Slot.FALLBACK);
        assertThat(outcome.provider()).isEqualTo(fallbackProvider);
        assertThat(outcome.content()).isEqualTo(fallbackContent);
        assertThat(outcome.usage()).as("usage counts only the fallback's answer")
                .isEqualTo(usage(request, fallbackContent, fallbackReasoning));
        assertThat(outcome.attempts()).hasSize(2);
        Attempt main = outcome.attempts().get(0);
        Attempt fallback = outcome.attempts().get(1);
        assertThat(main.slot()).isEqualTo(Slot.MAIN);
        assertThat(main.provider()).isEqualTo(mainProvider);
        assertThat(main.outcome()).isEqualTo(mainOutcome);
        assertThat(main.httpStatus()).isEqualTo(mainStatus);
        assertThat(main.retryAfterMs()).isEqualTo(retryAfterMs);
        assertThat(fallback.slot()).isEqualTo(Slot.FALLBACK);
        assertThat(fallback.provider()).isEqualTo(fallbackProvider);
        assertThat(fallback.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
    }

    private static Pair org(String label, KeyBehaviour mainBehaviour) {
        String org = Slots.newOrgId(label);
        String main = orgs.key(mainBehaviour);
        String fallback = orgs.key(KeyBehaviour.ok().withContent("Fallback review."));
        orgs.save(org, "main", main, 2);
        orgs.save(org, "fallback", fallback, 2, "claude-sonnet-4-6");
        return new Pair(org, main, fallback);
    }

    /** Sends {@code count} reviews at once and waits for all their outcomes. */
    private static List<ReviewOutcome> serve(Pair org, int count) {
        List<String> ids = sendMore(org, count);
        return ids.stream().map(id -> traffic.await(id, WITHIN)).toList();
    }

    /** Sends reviews one after the other, each once the previous one is done. */
    private static List<ReviewOutcome> serveOneByOne(Pair org, int count) {
        List<ReviewOutcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            outcomes.add(serve(org, 1).getFirst());
        }
        return outcomes;
    }

    private static List<String> sendMore(Pair org, int count) {
        return orgs.send(traffic, org.org(), count);
    }

    private static void assertFallbackServed(ReviewOutcome outcome, AttemptOutcome mainOutcome) {
        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.servedBy()).isEqualTo(Slot.FALLBACK);
        assertThat(outcome.content()).isEqualTo("Fallback review.");
        assertThat(outcome.attempts()).extracting(Attempt::slot).containsExactly(Slot.MAIN, Slot.FALLBACK);
        Attempt main = outcome.attempts().get(0);
        Attempt fallback = outcome.attempts().get(1);
        assertThat(main.outcome()).isEqualTo(mainOutcome);
        Duration toFallback = Duration.between(main.startedAt().plusMillis(main.latencyMs()), fallback.startedAt());
        assertThat(toFallback).as("time from main's failure to the fallback's call").isLessThan(QUICK_HANDOVER);
    }

    private static void assertNoPermitHeld(Pair org) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(redis.heldPermits(org.org(), "main")).isZero();
            assertThat(redis.heldPermits(org.org(), "fallback")).isZero();
        });
    }

    private record Pair(String org, String main, String fallback) {
    }
}
