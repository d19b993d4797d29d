package dev.byok.worker;

import dev.byok.configstore.crypto.KeySettings;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of llm-worker (README, "Settings"). Checked at startup.
 *
 * @param redisUrl {@code REDIS_URL}: where the permits live
 * @param redisKeyPrefix prefix of every Redis key this worker writes
 * @param masterKeyFile {@code BYOK_MASTER_KEY_FILE}: the same file config-service wraps keys with
 * @param masterKeyPreviousFiles {@code BYOK_MASTER_KEY_PREVIOUS_FILES}: older master keys during a rotation
 * @param kmsKeyId {@code BYOK_KMS_KEY_ID}: keys are wrapped with this AWS KMS key
 * @param kmsRegion {@code BYOK_KMS_REGION}: the KMS key's region
 * @param kmsEndpoint {@code BYOK_KMS_ENDPOINT}: another KMS endpoint (VPC endpoint, tests)
 * @param primaryKey {@code BYOK_PRIMARY_KEY}: {@code kms} or {@code file}; blank means KMS when a KMS key is set
 * @param dataKeyCacheTtl how long a data key unwrapped by KMS is kept in memory
 * @param dataKeyCacheSize how many unwrapped data keys are kept at most
 * @param egressAllow {@code BYOK_EGRESS_ALLOW}: hosts and CIDRs a baseUrl may reach although private
 * @param requestTimeout the hard deadline of one provider call: connecting, the response headers
 *     and the whole body; at the deadline the call is cancelled and its attempt is a TIMEOUT
 * @param connectTimeout the longest a connection to a provider may take to open (within the deadline)
 * @param maxResponseBytes the most bytes of a provider's answer that are read; a longer answer is a
 *     SERVER_ERROR attempt
 * @param maxResponseBytesInFlight the bytes of large provider answers (beyond the first 256 KiB of each)
 *     this worker holds at once, over all calls; an answer that needs more fails as a SERVER_ERROR attempt
 * @param acceptUnboundKeys {@code BYOK_ACCEPT_UNBOUND_KEYS}: whether keys stored before keys were bound to
 *     their provider and origin are still opened (only during the rollout of the binding)
 * @param permitLease how long a permit outlives its worker: a watchdog renews the lease every third
 *     of it while the call runs (however long the call is allowed to take), so a crashed worker's
 *     permits come back within one lease
 * @param maxInFlight calls in flight on this worker over all orgs (also bounds orgs without a cap)
 * @param permitWait how long one permit request waits before the lane's turn comes round again
 * @param pauseAtQueued reviews queued in one lane before its partitions are paused
 * @param pauseAtQueuedBytes bytes of reviews queued in one lane before its partitions are paused
 * @param topicDiscoveryInterval how soon a new org's topics are picked up
 * @param resultsPartitions partitions of the results and dead-letter topics when created here
 * @param configPartitions partitions of the config topic when created here
 * @param replicationFactor replication of topics created here; 0 means the broker default
 * @param retryBaseDelay without a fallback: the first wait before main is tried again (doubling after)
 * @param retryMaxDelay without a fallback: the longest wait between two tries of main
 * @param retryMaxAttempts without a fallback: the most calls to main for one review
 * @param reviewDeadline without a fallback: how long after its first attempt a review may still be tried
 * @param breakerWindow calls to main an org's circuit breaker looks at
 * @param breakerMinimumCalls calls before the breaker may open
 * @param breakerFailureRate failure percentage that opens the breaker
 * @param breakerOpenFor how long an open breaker sends reviews straight to the fallback
 * @param dedupWindow how long a reviewId is remembered, so a second request for it gets no second outcome
 * @param shutdownGrace on SIGTERM, how long calls in flight may still finish and have their outcomes
 *     published before the worker leaves its group; Kubernetes' terminationGracePeriodSeconds must
 *     be longer (by about 15 s for the publishing and the group leave), or the kubelet's SIGKILL
 *     cuts the drain short
 * @param streamIdleTimeout a streamed call fails as a timeout when no byte came for this long
 * @param streamTimeout the whole of a streamed call, instead of {@code requestTimeout}: a slow model may
 *     stream for this long as long as bytes keep coming (the permit's short lease is renewed by its watchdog throughout)
 * @param budgetOutputEstimate output tokens reserved against a budget for a slot without {@code maxTokens}
 * @param orgStateExpiry how long after an org's last review this worker forgets its per-org meters and
 *     circuit breaker, so that its memory follows the active orgs, not every org it ever served
 * @param pricesFile {@code BYOK_PRICES_FILE}: prices that add to or override the shipped ones (as on config-service)
 */
@ConfigurationProperties("byok")
public record WorkerProperties(
        @DefaultValue("redis://127.0.0.1:6379") String redisUrl,
        @DefaultValue("byok:") String redisKeyPrefix,
        Path masterKeyFile,
        @DefaultValue("") List<Path> masterKeyPreviousFiles,
        @DefaultValue("") String kmsKeyId,
        @DefaultValue("") String kmsRegion,
        @DefaultValue("") String kmsEndpoint,
        @DefaultValue("") String primaryKey,
        @DefaultValue("5m") Duration dataKeyCacheTtl,
        @DefaultValue("10000") int dataKeyCacheSize,
        @DefaultValue("") String egressAllow,
        @DefaultValue("300s") Duration requestTimeout,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("8388608") long maxResponseBytes,
        @DefaultValue("67108864") long maxResponseBytesInFlight,
        @DefaultValue("false") boolean acceptUnboundKeys,
        @DefaultValue("20s") Duration permitLease,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("5s") Duration permitWait,
        @DefaultValue("100") int pauseAtQueued,
        @DefaultValue("67108864") long pauseAtQueuedBytes,
        @DefaultValue("2s") Duration topicDiscoveryInterval,
        @DefaultValue("3") int resultsPartitions,
        @DefaultValue("1") int configPartitions,
        @DefaultValue("0") short replicationFactor,
        @DefaultValue("2s") Duration retryBaseDelay,
        @DefaultValue("60s") Duration retryMaxDelay,
        @DefaultValue("4") int retryMaxAttempts,
        @DefaultValue("10m") Duration reviewDeadline,
        @DefaultValue("10") int breakerWindow,
        @DefaultValue("5") int breakerMinimumCalls,
        @DefaultValue("50") float breakerFailureRate,
        @DefaultValue("30s") Duration breakerOpenFor,
        @DefaultValue("7d") Duration dedupWindow,
        @DefaultValue("90s") Duration shutdownGrace,
        @DefaultValue("120s") Duration streamIdleTimeout,
        @DefaultValue("15m") Duration streamTimeout,
        @DefaultValue("8192") long budgetOutputEstimate,
        @DefaultValue("1h") Duration orgStateExpiry,
        Path pricesFile) {

    static final Duration MIN_PERMIT_LEASE = Duration.ofSeconds(1);

    public WorkerProperties {
        if (masterKeyFile == null && kmsKeyId.isBlank()) {
            throw new IllegalArgumentException("Set BYOK_MASTER_KEY_FILE (the file config-service wraps keys with) "
                    + "or BYOK_KMS_KEY_ID");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("byok.request-timeout must be positive");
        }
        if (permitLease.compareTo(MIN_PERMIT_LEASE) < 0) {
            throw new IllegalArgumentException("byok.permit-lease must be at least " + MIN_PERMIT_LEASE.toSeconds()
                    + " s: its watchdog renews it every third of it, and a Redis round trip must fit well within that");
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("byok.max-response-bytes must be positive");
        }
        if (maxResponseBytesInFlight < maxResponseBytes) {
            throw new IllegalArgumentException("byok.max-response-bytes-in-flight must be at least "
                    + "byok.max-response-bytes, or the largest answer allowed could never be read");
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("byok.shutdown-grace must not be negative");
        }
        if (streamIdleTimeout.isNegative() || streamIdleTimeout.isZero() || streamTimeout.compareTo(streamIdleTimeout) < 0) {
            throw new IllegalArgumentException("byok.stream-idle-timeout must be positive and at most byok.stream-timeout");
        }
        if (orgStateExpiry.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("byok.org-state-expiry must be at least 1s");
        }
        if (budgetOutputEstimate < 1) {
            throw new IllegalArgumentException("byok.budget-output-estimate must be at least 1");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("byok.max-in-flight must be at least 1");
        }
    }

    /** The keys this worker opens stored API keys with. */
    public KeySettings keySettings() {
        return new KeySettings(masterKeyFile, masterKeyPreviousFiles, kmsKeyId, kmsRegion, kmsEndpoint, dataKeyCacheTtl,
                dataKeyCacheSize, primaryKey, acceptUnboundKeys);
    }

}
