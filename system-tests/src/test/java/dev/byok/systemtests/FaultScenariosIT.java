package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.RedisPeek;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ProviderId;
import dev.byok.model.ErrorCode;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewRequested;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.Usage;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.KeyStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failover scenarios of the failoverbench catalogue, each against the running system: what was
 * attempted, how long until the fallback took over, the outcome, and that every permit was given
 * back. Workers run with a 3 s call deadline and a 5 s permit lease (SystemUnderTest).
 */
class FaultScenariosIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** Handing a failed review to the fallback is one Kafka transaction and a poll: well under a second here. */
    private static final Duration QUICK_HANDOVER = Duration.ofSeconds(2);
    /** From the request to the fallback's call when main is skipped: the dispatcher, a poll and a transaction. */
    private static final Duration QUICK_SKIP = Duration.ofSeconds(3);
    /**
     * How soon after the outcome every permit must be free again: released permits are back at once,
     * and a leaked one would stay off the free count for at least the 5 s lease.
     */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final int CAP = 2;

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
        assertEveryPermitBack(org);
    }

    @Test
    void aRateLimitWithoutRetryAfterFallsBackAndMainIsTriedAgainNextTime() {
        Pair org = org("s02", KeyBehaviour.ok().failingNext(1, Fault.rateLimited()));

        ReviewOutcome first = serve(org, 1).getFirst();
        ReviewOutcome second = serve(org, 1).getFirst();

        assertFallbackServed(first, AttemptOutcome.RATE_LIMITED);
        assertThat(first.attempts().getFirst().retryAfterMs()).isNull();
        assertThat(second.servedBy()).isEqualTo(Slot.MAIN);
        assertEveryPermitBack(org);
    }

    @Test
    void oneServerErrorCostsOneReviewAFallbackAndNothingMore() {
        Pair org = org("s03", KeyBehaviour.ok().failingNext(1, Fault.httpError(500, "internal error")));

        ReviewOutcome first = serve(org, 1).getFirst();
        List<ReviewOutcome> after = serve(org, 3);

        assertFallbackServed(first, AttemptOutcome.SERVER_ERROR);
        assertThat(first.attempts().getFirst().httpStatus()).isEqualTo(500);
        assertThat(after).allSatisfy(o -> assertThat(o.servedBy()).isEqualTo(Slot.MAIN));
        assertEveryPermitBack(org);
    }

    @Test
    void aMainThatStaysDownIsSkippedOnceItsCircuitOpens() {
        Pair org = org("s04", KeyBehaviour.ok().failingAlways(Fault.httpError(503, "The model is overloaded")));

        List<Served> served = serveOneByOne(org, 16);

        List<ReviewOutcome> outcomes = served.stream().map(Served::outcome).toList();
        assertThat(outcomes).allSatisfy(o -> assertThat(o.servedBy()).isEqualTo(Slot.FALLBACK));
        for (Served one : served) {
            List<Attempt> attempts = one.outcome().attempts();
            if (attempts.size() == 2) {
                assertFallbackServed(one.outcome(), AttemptOutcome.SERVER_ERROR);
                assertThat(attempts.getFirst().httpStatus()).isEqualTo(503);
            } else {
                assertSkippedMainQuickly(one);
            }
        }
        long mainAttempts = mainAttempts(outcomes);
        assertThat(stack.simulator().stats(org.main()).requests()).as("every call to main is listed in an outcome")
                .isEqualTo(mainAttempts);
        // each worker's breaker opens after 5 failed calls: at most 2 x 5 calls reach a dead main, and once one
        // is open its worker skips main (which review lands on which worker is the partitioner's choice)
        assertThat(mainAttempts).as("calls spent on a dead main").isBetween(5L, 10L);
        assertThat(outcomes).as("reviews that skipped main").filteredOn(o -> o.attempts().size() == 1)
                .hasSize(outcomes.size() - (int) mainAttempts).isNotEmpty();
        assertEveryPermitBack(org);
    }

    @Test
    void aConnectionResetIsANetworkFailureAndFallsBack() {
        Pair org = org("s05", KeyBehaviour.ok().failingNext(1, Fault.connectionDrop()));

        ReviewOutcome outcome = serve(org, 1).getFirst();

        assertFallbackServed(outcome, AttemptOutcome.NETWORK);
        assertThat(outcome.attempts().getFirst().httpStatus()).isNull();
        assertEveryPermitBack(org);
    }

    @Test
    void aSilentUpstreamTimesOutAtTheRequestTimeoutAndFallsBack() {
        Pair org = org("s06", KeyBehaviour.ok().failingNext(1, Fault.hang()));

        ReviewOutcome outcome = serve(org, 1).getFirst();

        assertFallbackServed(outcome, AttemptOutcome.TIMEOUT);
        Attempt main = outcome.attempts().getFirst();
        assertThat(main.latencyMs()).isBetween(3_000L, 4_500L);
        assertEveryPermitBack(org);
    }

    @Test
    void headersThenAStalledBodyTimeOutAtTheDeadlineAndTheConnectionIsDropped() {
        // half the body at once, then a byte a second: the whole answer would take minutes, past the 5 s lease
        Pair org = org("s11", KeyBehaviour.ok().failingAlways(Fault.stalledBody()));

        ReviewOutcome outcome = serve(org, 1).getFirst();

        assertFallbackServed(outcome, AttemptOutcome.TIMEOUT);
        Attempt main = outcome.attempts().getFirst();
        assertThat(main.latencyMs()).as("the call's deadline covers the body").isBetween(3_000L, 4_500L);
        assertEveryPermitBack(org);
        await().atMost(Duration.ofSeconds(10)).alias("the worker hung up on the stalled answer")
                .until(() -> stack.simulator().stats(org.main()).inFlight() == 0);
    }

    @Test
    void aSlowFirstByteWithinTheTimeoutIsNotAFailure() {
        Pair org = org("s07", KeyBehaviour.ok().failingNext(1, Fault.slowFirstByte(Duration.ofMillis(1500))));

        ReviewOutcome outcome = serve(org, 1).getFirst();

        assertThat(outcome.servedBy()).isEqualTo(Slot.MAIN);
        assertThat(outcome.attempts()).singleElement().satisfies(a -> assertThat(a.latencyMs()).isGreaterThanOrEqualTo(1_500));
        assertEveryPermitBack(org);
    }

    @Test
    void aFlappingMainNeverFailsAReview() {
        Fault down = Fault.httpError(502, "bad gateway");
        Fault up = Fault.slowFirstByte(Duration.ZERO); // an ordinary answer
        KeyBehaviour flapping = KeyBehaviour.ok().withFaultSequence(down, up, down, up, down, up, down, up);
        Pair org = org("s08", flapping);

        List<Served> served = serveOneByOne(org, 8);

        List<ReviewOutcome> outcomes = served.stream().map(Served::outcome).toList();
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(ReviewStatus.COMPLETED));
        assertThat(outcomes).extracting(ReviewOutcome::servedBy).contains(Slot.MAIN, Slot.FALLBACK);
        for (Served one : served) {
            ReviewOutcome outcome = one.outcome();
            if (outcome.servedBy() == Slot.MAIN) {
                assertThat(outcome.attempts()).singleElement()
                        .satisfies(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCESS));
            } else if (outcome.attempts().size() == 2) {
                assertFallbackServed(outcome, AttemptOutcome.SERVER_ERROR);
                assertThat(outcome.attempts().getFirst().httpStatus()).isEqualTo(502);
            } else {
                assertSkippedMainQuickly(one);
            }
        }
        assertThat(stack.simulator().stats(org.main()).requests()).as("every call to main is listed in an outcome")
                .isEqualTo(mainAttempts(outcomes));
        assertEveryPermitBack(org);
    }

    @Test
    void outOfCreditARefusedKeyAVanishedModelAndACutShortAnswerAllFallBack() {
        List<Row> rows = List.of(
                new Row(Fault.httpError(402, "Insufficient credits"), false, AttemptOutcome.PAYMENT_REQUIRED, 402),
                new Row(new Fault.HttpError(429, "insufficient_quota", "insufficient_quota",
                        "You exceeded your current quota"), true, AttemptOutcome.PAYMENT_REQUIRED, 429),
                new Row(new Fault.HttpError(429, null, "1113", "Insufficient balance or no resource package"), false,
                        AttemptOutcome.PAYMENT_REQUIRED, 429),
                new Row(Fault.httpError(401, "Incorrect API key provided"), false, AttemptOutcome.AUTH_FAILED, 401),
                new Row(Fault.httpError(403, "forbidden"), false, AttemptOutcome.AUTH_FAILED, 403),
                new Row(Fault.httpError(404, "The model does not exist"), false, AttemptOutcome.MODEL_NOT_FOUND, 404),
                new Row(Fault.httpError(529, "Overloaded"), false, AttemptOutcome.SERVER_ERROR, 529),
                new Row(Fault.truncated(), false, AttemptOutcome.SERVER_ERROR, 200),
                new Row(Fault.emptyLength(), false, AttemptOutcome.SERVER_ERROR, 200));
        // all orgs first, then all reviews: new orgs' topics are discovered together
        List<Pair> pairs = rows.stream().map(row -> row.openAi()
                ? openAiOrg("s09", KeyBehaviour.ok().failingAlways(row.fault()))
                : org("s09", KeyBehaviour.ok().failingAlways(row.fault()))).toList();
        List<String> ids = pairs.stream().map(pair -> sendMore(pair, 1).getFirst()).toList();

        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            ReviewOutcome outcome = traffic.await(ids.get(i), WITHIN);
            assertThat(outcome.servedBy()).as(row.toString()).isEqualTo(Slot.FALLBACK);
            assertThat(outcome.attempts()).as(row.toString()).extracting(Attempt::slot)
                    .containsExactly(Slot.MAIN, Slot.FALLBACK);
            Attempt main = outcome.attempts().getFirst();
            assertThat(main.outcome()).as(row.toString()).isEqualTo(row.expected());
            assertThat(main.httpStatus()).as(row.toString()).isEqualTo(row.status());
        }
    }

    @Test
    void aCappedFallbackServesEachReviewOnceUnderItsOwnCapWhenMainFailsInABurst() {
        String org = Slots.newOrgId("s12");
        String main = orgs.key(KeyBehaviour.ok().failingAlways(Fault.httpError(500, "internal error")));
        String fallback = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(400)).withConcurrencyCap(2)
                .withContent("Fallback review."));
        orgs.save(org, "main", main, 4);
        orgs.save(org, "fallback", fallback, 2, "claude-sonnet-4-6");

        List<ReviewOutcome> outcomes = orgs.sendAll(traffic, org, 20).stream().map(id -> traffic.await(id, WITHIN))
                .toList();

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.servedBy()).isEqualTo(Slot.FALLBACK);
            assertThat(o.attempts()).filteredOn(a -> a.slot() == Slot.FALLBACK).as("served once").hasSize(1);
        });
        KeyStats atFallback = stack.simulator().stats(fallback);
        assertThat(atFallback.requests()).as("one fallback call per review").isEqualTo(20);
        assertThat(atFallback.maxInFlight()).as("the fallback's own cap, fully used").isEqualTo(2);
        assertThat(atFallback.concurrencyRejections()).isZero();
        assertEveryPermitBack(new Pair(org, main, fallback), 4, 2);
    }

    @Test
    void withoutAFallbackAReviewWaitsOutTheCooldownAsALaterRecord() {
        String org = Slots.newOrgId("s10");
        String main = orgs.key(KeyBehaviour.ok().failingNext(1, Fault.rateLimited(Duration.ofSeconds(2))));
        orgs.save(org, "main", main, CAP);

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
        assertMainPermitsBack(org, CAP);
    }

    @Test
    void withoutAFallbackAReviewArrivingDuringACooldownMakesNoCallUntilItEnds() {
        String org = Slots.newOrgId("s13");
        String main = orgs.key(KeyBehaviour.ok().failingNext(1, Fault.rateLimited(Duration.ofSeconds(4))));
        orgs.save(org, "main", main, CAP);
        String throttledId = orgs.send(traffic, org, 1).getFirst();
        await().atMost(WITHIN).until(() -> stack.simulator().stats(main).requests() == 1);

        String arrivingId = orgs.send(traffic, org, 1).getFirst();
        ReviewOutcome throttled = traffic.await(throttledId, WITHIN);
        ReviewOutcome arriving = traffic.await(arrivingId, WITHIN);

        Attempt rateLimited = throttled.attempts().getFirst();
        Instant cooldownEnds = rateLimited.startedAt().plusMillis(rateLimited.latencyMs()).plusSeconds(4);
        assertThat(arriving.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(arriving.attempts()).as("main was not called while it cooled down").singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
            assertThat(a.startedAt()).isAfterOrEqualTo(cooldownEnds.minusMillis(100));
        });
        assertThat(stack.simulator().stats(main).requests()).as("the 429, its retry and the waiting review").isEqualTo(3);
        assertMainPermitsBack(org, CAP);
    }

    @Test
    void withoutAFallbackAWaitPastTheReviewDeadlineFailsAtOnceWithDeadlineExceeded() {
        // the review deadline of the system tests is 60 s (SystemUnderTest): a 90 s hint cannot be waited out
        Duration beyondDeadline = SystemUnderTest.REVIEW_DEADLINE.plusSeconds(30);
        String org = Slots.newOrgId("s14");
        String main = orgs.key(KeyBehaviour.ok().failingNext(1, Fault.rateLimited(beyondDeadline)));
        orgs.save(org, "main", main, CAP);

        Instant sent = Instant.now();
        ReviewOutcome limited = traffic.await(orgs.send(traffic, org, 1).getFirst(), WITHIN);
        Duration toOutcome = Duration.between(sent, Instant.now());
        ReviewOutcome during = traffic.await(orgs.send(traffic, org, 1).getFirst(), WITHIN);

        assertThat(limited.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(limited.error().code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(limited.error().message()).contains("deadline", "No fallback slot is configured");
        assertThat(limited.attempts()).extracting(Attempt::outcome).containsExactly(AttemptOutcome.RATE_LIMITED);
        assertThat(toOutcome).as("no waiting for a wait that cannot end in time").isLessThan(Duration.ofSeconds(15));
        assertThat(during.error().code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(during.error().message()).contains("rate limited until");
        assertThat(during.attempts()).as("main cools down: no call").isEmpty();
        assertThat(stack.simulator().stats(main).requests()).isEqualTo(1);
        assertMainPermitsBack(org, CAP);
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
        assertEveryPermitBack(new Pair(org, main, fallback), 2, 2);
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
        assertEveryPermitBack(new Pair(org, main, fallback), 2, 2);
    }

    /** An ordinary answer in a fault sequence. */
    private static final Fault ANSWER = Fault.slowFirstByte(Duration.ZERO);
    private static final String ANTHROPIC = "\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-6\",\"baseUrl\":\"%s/v1\"";
    private static final String GEMINI = "\"provider\":\"google_gemini\",\"model\":\"gemini-3.1-pro-preview-customtools\","
            + "\"baseUrl\":\"%s/v1beta\"";

    /**
     * Streamed calls (slot option {@code stream: true}) that go wrong part-way, in each event format:
     * a stall is noticed after {@code byok.stream-idle-timeout} (TIMEOUT), a cut mid-event is TRUNCATED,
     * a malformed event a SERVER_ERROR; each goes to the fallback like a 5xx, never a half review.
     */
    @Test
    void aStreamThatStallsIsCutOrMalformedIsAFailedAttemptAndTheFallbackServes() {
        List<StreamRow> rows = List.of(
                new StreamRow(ANTHROPIC, Fault.StreamBreak.Kind.STALL, AttemptOutcome.TIMEOUT, "no bytes for"),
                new StreamRow(OPENAI_RESPONSES, Fault.StreamBreak.Kind.CUT, AttemptOutcome.TRUNCATED,
                        "without its final event|closed mid-stream"),
                new StreamRow(GEMINI, Fault.StreamBreak.Kind.MALFORMED, AttemptOutcome.SERVER_ERROR, "not valid JSON"),
                new StreamRow(COMPATIBLE_CHAT, Fault.StreamBreak.Kind.CUT, AttemptOutcome.TRUNCATED,
                        "without its final event|closed mid-stream"));
        for (StreamRow row : rows) {
            String org = Slots.newOrgId("s20");
            String main = orgs.key(KeyBehaviour.ok().withContent("A streamed review that will not arrive whole.")
                    .failingAlways(new Fault.StreamBreak(row.kind())));
            String fallback = orgs.key(KeyBehaviour.ok().withContent("Fallback review."));
            saveStreamedSlot(org, "main", row.providerModelAndBase(), main);
            orgs.save(org, "fallback", fallback, CAP, "claude-sonnet-4-6");

            ReviewOutcome outcome = traffic.await(review(org, 1).reviewId(), WITHIN);

            assertThat(outcome.status()).as(row.toString()).isEqualTo(ReviewStatus.COMPLETED);
            assertThat(outcome.servedBy()).as(row.toString()).isEqualTo(Slot.FALLBACK);
            assertThat(outcome.content()).isEqualTo("Fallback review.");
            Attempt first = outcome.attempts().getFirst();
            assertThat(first.outcome()).as(row.toString()).isEqualTo(row.expected());
            assertThat(first.detail()).as(row.toString()).containsPattern(row.detail());
        }
    }

    /**
     * A slow model streaming for longer than {@code byok.request-timeout} (3 s here) while its events
     * keep coming (one every 400 ms, well inside the 2 s idle timeout): the review completes on main.
     */
    @Test
    void aReviewWhoseStreamOutlastsTheOldCallDeadlineCompletesWhileBytesKeepComing() {
        String content = "The cache key on line 7 ignores the tenant, so two tenants can read each other's entries; "
                + "add the tenant id to the key.";
        String org = Slots.newOrgId("s21");
        String main = orgs.key(KeyBehaviour.ok().withContent(content)
                .failingAlways(new Fault.SlowStream(Duration.ofMillis(400))));
        saveStreamedSlot(org, "main", COMPATIBLE_CHAT, main);

        ReviewOutcome outcome = traffic.await(review(org, 1).reviewId(), WITHIN);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.servedBy()).isEqualTo(Slot.MAIN);
        assertThat(outcome.content()).isEqualTo(content);
        assertThat(outcome.attempts()).singleElement().satisfies(a -> assertThat(Duration.ofMillis(a.latencyMs()))
                .as("the streamed call lasted longer than the per-call deadline")
                .isGreaterThan(SystemUnderTest.REQUEST_TIMEOUT));
    }

    private static final String OPENAI_RESPONSES = "\"provider\":\"openai\",\"model\":\"gpt-4.1\",\"baseUrl\":\"%s/v1\"";
    private static final String COMPATIBLE_CHAT = "\"provider\":\"openai_compatible\",\"model\":\"glm-5.1\","
            + "\"baseUrl\":\"%s/v1\"";

    private static void saveStreamedSlot(String org, String slot, String providerModelAndBase, String key) {
        String body = "{" + providerModelAndBase.formatted(stack.simulator().rootUrl()) + ",\"apiKey\":\"" + key
                + "\",\"stream\":true}";
        dev.byok.localstack.ByokApi.Response saved = orgs.admin().putSlot(org, slot, body);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private record StreamRow(String providerModelAndBase, Fault.StreamBreak.Kind kind, AttemptOutcome expected,
            String detail) {
    }

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

    /**
     * The simulator's usage: a token per four characters of prompt and of answer (CONTRACTS: the serving
     * attempt's), a quarter of the prompt's tokens reported as read from the provider's cache.
     */
    private static Usage usage(ReviewRequested request, String content, Long reasoning) {
        long promptChars = request.messages().stream().mapToLong(m -> m.content().length()).sum();
        long prompt = (promptChars + 3) / 4;
        return new Usage(prompt, (content.length() + 3L) / 4, reasoning, prompt / 4);
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
        orgs.save(org, "main", main, CAP);
        orgs.save(org, "fallback", fallback, CAP, "claude-sonnet-4-6");
        return new Pair(org, main, fallback);
    }

    /** Main on the OpenAI Responses API, for the faults only OpenAI sends. */
    private static Pair openAiOrg(String label, KeyBehaviour mainBehaviour) {
        String org = Slots.newOrgId(label);
        String main = orgs.key(mainBehaviour);
        String fallback = orgs.key(KeyBehaviour.ok().withContent("Fallback review."));
        orgs.saveJson(org, "main", main, Slots.openAi(stack.simulatorBaseUrl(), "gpt-5.4", main, CAP));
        orgs.save(org, "fallback", fallback, CAP, "claude-sonnet-4-6");
        return new Pair(org, main, fallback);
    }

    /** Sends {@code count} reviews at once and waits for all their outcomes. */
    private static List<ReviewOutcome> serve(Pair org, int count) {
        List<String> ids = sendMore(org, count);
        return ids.stream().map(id -> traffic.await(id, WITHIN)).toList();
    }

    /** Sends reviews one after the other, each once the previous one is done. */
    private static List<Served> serveOneByOne(Pair org, int count) {
        List<Served> served = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant sent = Instant.now();
            served.add(new Served(sent, serve(org, 1).getFirst()));
        }
        return served;
    }

    private static List<String> sendMore(Pair org, int count) {
        return orgs.send(traffic, org.org(), count);
    }

    private static long mainAttempts(List<ReviewOutcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.attempts().stream()).filter(a -> a.slot() == Slot.MAIN).count();
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

    /** Main's breaker was open: the review went to the fallback without calling main, and quickly. */
    private static void assertSkippedMainQuickly(Served served) {
        ReviewOutcome outcome = served.outcome();
        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.attempts()).singleElement().satisfies(fallback -> {
            assertThat(fallback.slot()).isEqualTo(Slot.FALLBACK);
            assertThat(fallback.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
            assertThat(Duration.between(served.sent(), fallback.startedAt()))
                    .as("time from the request to the fallback's call").isLessThan(QUICK_SKIP);
        });
    }

    private static void assertEveryPermitBack(Pair org) {
        assertEveryPermitBack(org, CAP, CAP);
    }

    /**
     * Right after the outcomes, each slot's semaphore has all its permits free. Asked within
     * {@link #PROMPTLY}, not after waiting out a lease: a permit that was never released stays off
     * the free count at least until its lease ends and a worker next takes a permit of the slot.
     */
    private static void assertEveryPermitBack(Pair org, int mainCap, int fallbackCap) {
        await().atMost(PROMPTLY).untilAsserted(() -> {
            assertThat(redis.availablePermits(org.org(), "main")).as("free main permits").isEqualTo(mainCap);
            assertThat(redis.availablePermits(org.org(), "fallback")).as("free fallback permits (none if never used)")
                    .isIn(null, (long) fallbackCap);
            assertThat(redis.permitLeases(org.org(), "main")).isEmpty();
            assertThat(redis.permitLeases(org.org(), "fallback")).isEmpty();
        });
    }

    private static void assertMainPermitsBack(String org, int cap) {
        await().atMost(PROMPTLY).untilAsserted(() -> {
            assertThat(redis.availablePermits(org, "main")).as("free main permits").isEqualTo(cap);
            assertThat(redis.permitLeases(org, "main")).isEmpty();
        });
    }

    private record Pair(String org, String main, String fallback) {
    }

    private record Served(Instant sent, ReviewOutcome outcome) {
    }

    /** One fault of the table, on an OpenAI main when only OpenAI sends it, and what main's attempt must say. */
    private record Row(Fault fault, boolean openAi, AttemptOutcome expected, Integer status) {
    }
}
