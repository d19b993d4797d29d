package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.DeploymentDefault;
import dev.byok.configstore.crypto.KeyContext;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.crypto.KeySettings;
import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicSpec;
import dev.byok.configstore.tracing.ReviewTracing;
import dev.byok.localstack.Infrastructure;
import dev.byok.localstack.LocalKms;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ChatMessage;
import dev.byok.model.DeadLetterHeaders;
import dev.byok.model.ErrorCode;
import dev.byok.model.FinishReason;
import dev.byok.model.Json;
import dev.byok.model.MessageRole;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ProviderId;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewRequested;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.StoredSlot;
import dev.byok.model.ThinkingLevel;
import dev.byok.model.Topics;
import dev.byok.model.Usage;
import dev.byok.provider.ProviderRequest;
import dev.byok.provider.ProviderResult;
import dev.byok.worker.engine.ReviewRun;
import dev.byok.worker.permits.Lease;
import dev.byok.worker.shared.RedisSharedSlotState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * One review under a held permit, with the org's config read from a real config topic and the
 * shared state in a real Redis; the provider is a stand-in that records what it was asked, so each
 * test can say whether a call was made and with what deadline.
 */
class ReviewTaskIT {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration BREAKER_OPEN_FOR = Duration.ofSeconds(30);

    @TempDir
    static Path keys;

    private static Admin admin;
    private static KafkaProducer<String, byte[]> producer;
    private static ConfigTopicView view;
    private static RedissonClient redisson;
    private static KeyEnvelope envelope;

    private final TestClock clock = new TestClock(Instant.now());
    private final RedisSharedSlotState shared = new RedisSharedSlotState(redisson, "byok-test-" + UUID.randomUUID() + ":",
            clock, Duration.ofMinutes(5));
    private final MainBreakers breakers = new MainBreakers(2, 2, 50, BREAKER_OPEN_FOR, clock);
    private final List<ProviderRequest> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
        admin = Admin.create(client);
        new TopicProvisioner(admin, Optional.empty()).ensure(List.of(TopicSpec.configs(1)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        view = new ConfigTopicView(client, admin);
        view.start();
        assertThat(view.awaitReady(Duration.ofSeconds(60))).isTrue();
        Config config = new Config();
        config.useSingleServer().setAddress(Infrastructure.redisUrl());
        redisson = Redisson.create(config);
        envelope = new KeySettings(keys.resolve("master.key"), List.of(), "", "", "", Duration.ofMinutes(5), 100)
                .envelope(java.time.Clock.systemUTC());
    }

    @AfterAll
    static void disconnect() {
        view.close();
        producer.close();
        admin.close();
        redisson.shutdown();
    }

    @Test
    void aMainKeyThatCannotBeOpenedHandsTheBreakersProbeBack() {
        String org = org("undecryptable");
        // sealed for another org: the associated data does not match, so it never opens for this one
        saveConfig(org, envelope.seal("sk-other", context("someone-else", Slot.MAIN)));
        ReviewTask task = task((request) -> answer(request));
        halfOpenBreakerOf(org);

        ReviewRun run = task.run(record(org, Slot.MAIN, org + "-r1", org), Slot.MAIN, 2, freshLease());

        assertThat(outcome(run).error().code()).isEqualTo(ErrorCode.NON_RETRYABLE);
        assertThat(calls).isEmpty();
        assertThat(breakers.tryCall(org)).as("the half-open breaker's one probe was handed back").isPresent();
    }

    @Test
    void aProviderThatThrowsHandsTheBreakersProbeBack() {
        String org = org("throws");
        saveConfig(org, envelope.seal("sk-main", context(org, Slot.MAIN)));
        ReviewTask task = task(request -> {
            throw new IllegalStateException("a bug in a wire format");
        });
        halfOpenBreakerOf(org);

        ReviewOutcome outcome = outcome(task.run(record(org, Slot.MAIN, org + "-r1", org), Slot.MAIN, 2,
                freshLease()));

        assertThat(outcome.error().code()).as("a review that could be read gets exactly one outcome")
                .isEqualTo(ErrorCode.NON_RETRYABLE);
        assertThat(outcome.error().message()).contains("IllegalStateException").doesNotContain("sk-main");
        assertThat(breakers.tryCall(org)).as("the half-open breaker's one probe was handed back").isPresent();
    }

    @Test
    void aSuccessfulProbeClosesTheBreaker() {
        String org = org("probe");
        saveConfig(org, envelope.seal("sk-main", context(org, Slot.MAIN)));
        ReviewTask task = task(this::answer);
        halfOpenBreakerOf(org);

        ReviewRun run = task.run(record(org, Slot.MAIN, org + "-r1", org), Slot.MAIN, 2, freshLease());

        assertThat(outcome(run).servedBy()).isEqualTo(Slot.MAIN);
        assertThat(breakers.state(org)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRecordNamingAnotherOrgIsNotServedWithThatOrgsKeyAndClaimsNothing() {
        String victim = org("victim");
        String writer = org("writer");
        saveConfig(victim, envelope.seal("sk-victim", context(victim, Slot.MAIN)));
        saveConfig(writer, envelope.seal("sk-writer", context(writer, Slot.MAIN)));
        ReviewTask task = task(this::answer);

        ReviewRun run = task.run(record(writer, Slot.MAIN, "pr-1", victim), Slot.MAIN, 2, freshLease());

        ReviewOutcome outcome = outcome(run);
        assertThat(outcome.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(outcome.error().message()).contains("names org " + victim, "a topic of org " + writer);
        assertThat(calls).as("no call with anybody's key").isEmpty();
        assertThat(shared.claimReview(victim, "pr-1", "the victim's own request"))
                .as("the victim's reviewId is still free").isTrue();
    }

    @Test
    void aRecordWhoseIdsBreakTheContractGoesToTheDeadLetterTopic() {
        String org = org("badids");
        saveConfig(org, envelope.seal("sk-main", context(org, Slot.MAIN)));
        ReviewTask task = task(this::answer);

        ReviewRun run = task.run(record(org, Slot.MAIN, "has space", org), Slot.MAIN, 2, freshLease());

        ProducerRecord<byte[], byte[]> dead = single(run);
        assertThat(dead.topic()).isEqualTo(Topics.REVIEWS_DEAD_LETTER);
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .contains("reviewId");
        assertThat(calls).isEmpty();
    }

    @Test
    void aPermitWhoseLeaseRanOutIsNeverUsedForACall() {
        String org = org("lapsed");
        saveConfig(org, envelope.seal("sk-main", context(org, Slot.MAIN)));
        ReviewTask task = task(this::answer);
        halfOpenBreakerOf(org);

        ReviewRun run = task.run(record(org, Slot.MAIN, org + "-r1", org), Slot.MAIN, 2, Optional::empty);

        assertThat(run).as("the review asks for a permit again").isInstanceOf(ReviewRun.CapChanged.class);
        assertThat(calls).isEmpty();
        assertThat(breakers.tryCall(org)).as("the probe was handed back").isPresent();
    }

    /** Every line about a review names it: reviewId, orgId, slot and attempt in the logging context (JSON fields). */
    @Test
    void aLineLoggedWhileServingAReviewNamesTheReview() {
        String org = org("logged");
        saveConfig(org, envelope.seal("sk-main", context(org, Slot.MAIN)));
        Logger logger = (Logger) LoggerFactory.getLogger(ReviewTask.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            // The permit's lease ran out: the task says so in a line, and asks for a permit again.
            task(this::answer).run(record(org, Slot.MAIN, org + "-r1", org), Slot.MAIN, 2, Optional::empty);
        } finally {
            logger.setLevel(level);
            logger.detachAppender(lines);
        }

        assertThat(lines.list).isNotEmpty().allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry("reviewId", org + "-r1").containsEntry("orgId", org)
                .containsEntry("slot", "main").containsEntry("attempt", "1"));
        assertThat(MDC.get("reviewId")).as("nothing left on the thread for the next review").isNull();
    }

    @Test
    void theCallsDeadlineIsTheRequestTimeoutButNeverOutlivesTheRenewedLease() {
        String org = org("deadline");
        saveConfig(org, envelope.seal("sk-main", context(org, Slot.MAIN)));
        ReviewTask task = task(this::answer);

        task.run(record(org, Slot.MAIN, org + "-r1", org), Slot.MAIN, 2, freshLease());
        task.run(record(org, Slot.MAIN, org + "-r2", org), Slot.MAIN, 2, () -> Optional.of(clock.instant().plusSeconds(10)));

        assertThat(calls).extracting(ProviderRequest::timeout)
                .containsExactly(REQUEST_TIMEOUT, Duration.ofSeconds(10).minus(CallDeadline.RELEASE_ALLOWANCE));
    }

    @Test
    void aKeyServiceThatDoesNotAnswerDelaysTheReviewOnItsSlotUntilTheDeadlineThenFailsIt() {
        String org = org("kms-down");
        String keyArn;
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try (LocalKms kms = LocalKms.start()) {
            keyArn = kms.createKey();
            KeyEnvelope sealing = new KeySettings(null, List.of(), keyArn, "us-east-1", kms.endpoint(),
                    Duration.ofMinutes(5), 100).envelope(java.time.Clock.systemUTC());
            saveConfig(org, sealing.seal("sk-main-behind-kms", context(org, Slot.MAIN)));
        }
        // The same key ring, but KMS does not answer any more (nothing listens on port 1).
        KeyEnvelope cutOff = new KeySettings(null, List.of(), keyArn, "us-east-1", "http://127.0.0.1:1",
                Duration.ofMinutes(5), 100).envelope(java.time.Clock.systemUTC());
        ReviewTask task = task(this::answer, cutOff);
        Instant waitBegan = clock.instant();

        ProducerRecord<byte[], byte[]> later = single(task.run(record(org, Slot.MAIN, org + "-r1", org), Slot.MAIN, 2,
                freshLease()));
        assertThat(later.topic()).as("back on its own slot, no fallback").isEqualTo(Topics.tenantTopic(org, Slot.MAIN));
        assertThat(NotBeforeHeader.read(later.headers())).isEqualTo(waitBegan.plusSeconds(1).toEpochMilli());
        assertThat(KeyWaitHeader.read(later.headers())).contains(waitBegan.truncatedTo(ChronoUnit.MILLIS));

        clock.advance(Duration.ofMinutes(5));
        ProducerRecord<byte[], byte[]> again = single(task.run(consumed(later), Slot.MAIN, 2, freshLease()));
        assertThat(KeyWaitHeader.read(again.headers())).as("the wait counts from its first try")
                .contains(waitBegan.truncatedTo(ChronoUnit.MILLIS));

        clock.advance(Duration.ofMinutes(5));
        ReviewOutcome failed = outcome(task.run(consumed(again), Slot.MAIN, 2, freshLease()));
        assertThat(failed.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(failed.error().message()).contains("key service (KMS)", "no provider was called")
                .doesNotContain("sk-main-behind-kms");
        assertThat(calls).as("no provider call without a key").isEmpty();
    }

    private ReviewTask task(dev.byok.provider.LlmProvider provider) {
        return task(provider, envelope);
    }

    private ReviewTask task(dev.byok.provider.LlmProvider provider, KeyEnvelope keys) {
        dev.byok.provider.LlmProvider recording = request -> {
            calls.add(request);
            return provider.call(request);
        };
        return new ReviewTask(new OrgConfigs(view, DeploymentDefault.NONE), keys, recording, shared, breakers,
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 3, Duration.ofMinutes(10)),
                new WorkerMetrics(new SimpleMeterRegistry()), clock, REQUEST_TIMEOUT, ReviewTracing.NOOP,
                new dev.byok.worker.spend.SpendGate(new dev.byok.worker.spend.RedisSpendLimits(redisson,
                        "byok-test-" + UUID.randomUUID() + ":", clock, Duration.ofMinutes(5)),
                        dev.byok.configstore.prices.PriceTable.load(Optional.empty()), 8192, new SimpleMeterRegistry(),
                        clock));
    }

    private ProviderResult answer(ProviderRequest request) {
        return new ProviderResult.Success("LGTM", FinishReason.STOP, new Usage(10L, 2L, 0L), 200);
    }

    private Lease freshLease() {
        return () -> Optional.of(clock.instant().plus(REQUEST_TIMEOUT).plusSeconds(30));
    }

    /**
     * A config record (forged, or written by a bug) that pairs the org's stored key with another
     * host: the key is bound to the endpoint it was saved for, so it does not open and no call is made.
     */
    @Test
    void aStoredKeyIsNeverOpenedForAnotherHost() {
        String org = org("elsewhere");
        SlotSettings elsewhere = new SlotSettings(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", "https://evil.example.com/v1",
                null, null, null, ThinkingLevel.OFF, null, 2, null, "https://evil.example.com/v1");
        saveConfig(org, new StoredSlot(elsewhere, envelope.seal("sk-main", context(org, Slot.MAIN)), "sk-…main",
                Instant.now()), false);
        ReviewTask task = task(this::answer);

        ReviewOutcome outcome = outcome(task.run(record(org, Slot.MAIN, org + "-r1", org), Slot.MAIN, 2, freshLease()));

        assertThat(outcome.error().code()).isEqualTo(ErrorCode.NON_RETRYABLE);
        assertThat(outcome.error().message()).contains("cannot be decrypted").doesNotContain("sk-main");
        assertThat(calls).as("the key went nowhere").isEmpty();
    }

    /**
     * Every form of retry hint a provider can send, through a real HTTP answer (429) and the worker
     * to what it publishes: always exactly one record, a retry on main no later than the review's
     * deadline or a FAILED outcome, and a shared cooldown of at most a day. (An absurd
     * hint used to overflow and leave the review on the dead-letter topic with no outcome.)
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "retry-after    | 5", "retry-after    | -5", "retry-after    | 1e400", "retry-after    | NaN",
            "retry-after    | 99999999999999999999999999999999", "retry-after    | Fri, 31 Dec 9999 23:59:59 GMT",
            "retry-after    | Thu, 01 Jan 1970 00:00:00 GMT", "retry-after    | soon",
            "retry-after-ms | 9223372036854775807", "retry-after-ms | -1", "retry-after-ms | 1e308"})
    void everyRetryHintEndsInExactlyOneRecord(String header, String value) throws Exception {
        com.sun.net.httpserver.HttpServer provider = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}".getBytes(
                    StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set(header, value);
            exchange.sendResponseHeaders(429, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        try {
            String baseUrl = "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1";
            SlotSettings local = new SlotSettings(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", baseUrl, null, null, null,
                    ThinkingLevel.OFF, null, 2, null, baseUrl);
            dev.byok.provider.ProviderClients http = new dev.byok.provider.ProviderClients(
                    dev.byok.provider.EgressGuard.fromAllowList("127.0.0.1"), clock, Duration.ofSeconds(2));
            for (boolean withFallback : List.of(false, true)) {
                String org = org("hint");
                saveConfig(org, new StoredSlot(local, envelope.seal("sk-main", KeyContext.of(org, Slot.MAIN, local)),
                        "sk-…main", Instant.now()), withFallback);
                ReviewTask task = task(http);

                ProducerRecord<byte[], byte[]> published = single(task.run(record(org, Slot.MAIN, org + "-r1", org),
                        Slot.MAIN, 2, freshLease()));

                Instant deadline = clock.instant().plus(Duration.ofMinutes(10));
                if (withFallback) {
                    assertThat(published.topic()).isEqualTo(Topics.tenantTopic(org, Slot.FALLBACK));
                    shared.coolingUntil(org, Slot.MAIN).ifPresent(until ->
                            assertThat(until).as("main cools down as asked, at most a day")
                                    .isBeforeOrEqualTo(clock.instant().plus(dev.byok.provider.internal.RetryHints.LONGEST)));
                } else if (published.topic().equals(Topics.REVIEWS_RESULTS)) {
                    assertThat(outcome(new ReviewRun.Publish(List.of(published))).error().code())
                            .isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
                } else {
                    assertThat(published.topic()).isEqualTo(Topics.tenantTopic(org, Slot.MAIN));
                    assertThat(Instant.ofEpochMilli(NotBeforeHeader.read(published.headers())))
                            .isBeforeOrEqualTo(deadline);
                }
            }
        } finally {
            provider.stop(0);
        }
    }

    /** Two failures open the breaker; after the open time the next call is its one probe. */
    private void halfOpenBreakerOf(String org) {
        breakers.unconditionalCall(org).ended(AttemptOutcome.SERVER_ERROR, 5);
        breakers.unconditionalCall(org).ended(AttemptOutcome.SERVER_ERROR, 5);
        assertThat(breakers.state(org)).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(BREAKER_OPEN_FOR.plusSeconds(1));
    }

    private static String org(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Main (cap 2) with {@code mainKey}, and a fallback, written to the config topic and read back. */
    private static void saveConfig(String org, dev.byok.model.EncryptedKey mainKey) {
        saveConfig(org, new StoredSlot(settings("glm-5.1", 2), mainKey, "sk-…main", Instant.now()), true);
    }

    private static void saveConfig(String org, StoredSlot main, boolean withFallback) {
        StoredSlot fallback = !withFallback ? null : new StoredSlot(settings("claude-sonnet-4-6", 2),
                envelope.seal("sk-fallback", context(org, Slot.FALLBACK)), "sk-…back", Instant.now());
        OrgConfigChanged config = new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, org, 1, main, fallback,
                Instant.now(), UUID.randomUUID().toString());
        try {
            producer.send(new ProducerRecord<>(Topics.CONFIGS, org, Json.lenient().writeValueAsBytes(config))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(view.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }

    /** Where this test's slots send their keys: every slot here calls the same endpoint. */
    private static KeyContext context(String org, Slot slot) {
        return KeyContext.of(org, slot, settings("any", null));
    }

    private static SlotSettings settings(String model, Integer cap) {
        return new SlotSettings(ProviderId.OPENAI_COMPATIBLE, model, "https://llm.example.com/v1", null, null, null,
                ThinkingLevel.OFF, null, cap, null, "https://llm.example.com/v1");
    }

    /** A request for {@code orgId}, as read from a tenant topic of {@code topicOrg}. */
    private static ConsumerRecord<byte[], byte[]> record(String topicOrg, Slot slot, String reviewId, String orgId) {
        ReviewRequested request = new ReviewRequested(ReviewRequested.SCHEMA_VERSION, reviewId, orgId,
                List.of(new ChatMessage(MessageRole.USER, "diff --git a/x b/x")), Map.of(), Instant.now());
        return new ConsumerRecord<>(Topics.tenantTopic(topicOrg, slot), 0, 7L, reviewId.getBytes(StandardCharsets.UTF_8),
                Json.lenient().writeValueAsBytes(request));
    }

    /** {@code published} as the worker polls it back from its topic. */
    private static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> published) {
        return new ConsumerRecord<>(published.topic(), 0, 8L, 0L, TimestampType.CREATE_TIME, 0, published.value().length,
                published.key(), published.value(), published.headers(), Optional.empty());
    }

    private static ProducerRecord<byte[], byte[]> single(ReviewRun run) {
        assertThat(run).isInstanceOf(ReviewRun.Publish.class);
        List<ProducerRecord<byte[], byte[]>> records = ((ReviewRun.Publish) run).records();
        assertThat(records).hasSize(1);
        return records.getFirst();
    }

    private static ReviewOutcome outcome(ReviewRun run) {
        ProducerRecord<byte[], byte[]> published = single(run);
        assertThat(published.topic()).isEqualTo(Topics.REVIEWS_RESULTS);
        return Json.lenient().readValue(published.value(), ReviewOutcome.class);
    }
}
