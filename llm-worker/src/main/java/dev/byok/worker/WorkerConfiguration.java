package dev.byok.worker;

import dev.byok.configstore.prices.PriceTable;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.DeploymentDefault;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.kafka.KafkaClientMeters;
import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicSpec;
import dev.byok.configstore.redis.RedisConnection;
import dev.byok.model.StoredSlot;
import dev.byok.model.Topics;
import dev.byok.provider.EgressGuard;
import dev.byok.provider.ProviderClients;
import dev.byok.provider.StreamTimeouts;
import dev.byok.worker.spend.RedisSpendLimits;
import dev.byok.worker.spend.SpendGate;
import dev.byok.worker.engine.EngineSettings;
import dev.byok.worker.engine.LaneKey;
import dev.byok.worker.engine.ReviewEngine;
import dev.byok.worker.engine.SlotCaps;
import dev.byok.worker.permits.PermitKey;
import dev.byok.worker.permits.RedisPermitGate;
import dev.byok.worker.review.OrgConfigs;
import dev.byok.worker.review.MainBreakers;
import dev.byok.worker.review.RetryPolicy;
import dev.byok.worker.review.ReviewTask;
import dev.byok.worker.review.WorkerMetrics;
import dev.byok.worker.shared.RedisSharedSlotState;
import dev.byok.worker.shared.SharedSlotState;
import dev.byok.worker.status.SlotStatusPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    /** Kafka client meters per tenant topic would be series per org (docs/metrics.md). */
    @Bean
    io.micrometer.core.instrument.config.MeterFilter kafkaMetersWithoutTenantTopics() {
        return dev.byok.configstore.kafka.KafkaClientMeters.withoutTenantTopics();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    Admin byokAdmin(KafkaProperties kafka, MeterRegistry meters) {
        return new KafkaClientMeters(meters).admin("admin", Admin.create(kafka.buildAdminProperties()));
    }

    @Bean
    TopicProvisioner topicProvisioner(Admin admin, WorkerProperties properties) {
        Optional<Short> replication = properties.replicationFactor() > 0
                ? Optional.of(properties.replicationFactor()) : Optional.empty();
        TopicProvisioner provisioner = new TopicProvisioner(admin, replication);
        provisioner.ensure(List.of(TopicSpec.configs(properties.configPartitions()),
                TopicSpec.reviews(Topics.REVIEWS_RESULTS, properties.resultsPartitions()),
                TopicSpec.budgetAlerts(properties.resultsPartitions()),
                TopicSpec.reviews(Topics.REVIEWS_DEAD_LETTER, properties.resultsPartitions())));
        return provisioner;
    }

    /** Skipped config records, counted: a forged or broken record shows on the dashboard, not only in a log line. */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder configViewMetrics(ConfigTopicView view) {
        return new dev.byok.configstore.ConfigViewMetrics(view);
    }

    @Bean(destroyMethod = "close")
    ConfigTopicView configTopicView(KafkaProperties kafka, Admin admin, TopicProvisioner topicsReady) {
        ConfigTopicView view = new ConfigTopicView(kafka.buildConsumerProperties(), admin);
        view.start();
        if (!view.awaitReady(Duration.ofSeconds(60))) {
            throw new dev.byok.configstore.ConfigStoreUnavailableException("could not read the config topic within 60 s");
        }
        return view;
    }

    @Bean(destroyMethod = "shutdown")
    RedissonClient redisson(WorkerProperties properties, RedisFileProperties file) {
        return Redisson.create(RedisConnection.config(properties.redisUrl(), file.redisConfigFile()));
    }

    @Bean(destroyMethod = "close")
    RedisPermitGate permitGate(RedissonClient redisson, WorkerProperties properties, Clock clock) {
        return new RedisPermitGate(redisson, properties.redisKeyPrefix(), properties.permitLease(), clock);
    }

    @Bean
    ProviderClients providerClients(WorkerProperties properties, Clock clock) {
        return new ProviderClients(EgressGuard.fromAllowList(properties.egressAllow()), clock,
                properties.connectTimeout(), properties.maxResponseBytes(), properties.maxResponseBytesInFlight(),
                new StreamTimeouts(properties.streamIdleTimeout(), properties.streamTimeout()));
    }

    @Bean
    SharedSlotState sharedSlotState(RedissonClient redisson, WorkerProperties properties, Clock clock) {
        return new RedisSharedSlotState(redisson, properties.redisKeyPrefix(), clock, properties.dedupWindow());
    }

    @Bean
    OrgConfigs orgConfigs(ConfigTopicView view, Environment environment) {
        return new OrgConfigs(view, DeploymentDefault.from(environment::getProperty));
    }

    /** The histograms' org tag, dropped above an org count (docs/metrics.md); the view is asked only when first needed. */
    @Bean
    io.micrometer.core.instrument.config.MeterFilter histogramOrgTagFilter(MetricsProperties properties,
            org.springframework.beans.factory.ObjectProvider<ConfigTopicView> view) {
        return new HistogramOrgTagFilter(properties, () -> view.getObject().orgCount());
    }

    /** When the orgs pass the limit while the worker runs, the per-org histograms already exported go. */
    @Bean
    HistogramOrgTagSwitch histogramOrgTagSwitch(ConfigTopicView view, MeterRegistry meters,
            io.micrometer.core.instrument.config.MeterFilter histogramOrgTagFilter) {
        return new HistogramOrgTagSwitch((HistogramOrgTagFilter) histogramOrgTagFilter, view, meters);
    }

    @Bean
    MainBreakers mainBreakers(WorkerProperties properties, Clock clock) {
        return new MainBreakers(properties.breakerWindow(), properties.breakerMinimumCalls(),
                properties.breakerFailureRate(), properties.breakerOpenFor(), clock);
    }

    /** What this worker holds in memory (breakers, paused lanes, failures), told to everyone through Redis. */
    @Bean(destroyMethod = "close")
    SlotStatusPublisher slotStatusPublisher(MeterRegistry meters, MainBreakers breakers, RedissonClient redisson,
            WorkerProperties properties, Clock clock) {
        SlotStatusPublisher publisher = new SlotStatusPublisher(meters, breakers, redisson, properties.redisKeyPrefix(),
                clock);
        publisher.start();
        return publisher;
    }

    @Bean
    WorkerMetrics workerMetrics(MeterRegistry meters, Clock clock) {
        return new WorkerMetrics(meters, clock);
    }

    /** Per-org meters and breakers of orgs idle past byok.org-state-expiry are forgotten. */
    @Bean(destroyMethod = "close")
    dev.byok.worker.review.IdleOrgForgetting idleOrgForgetting(WorkerMetrics metrics, MainBreakers breakers,
            WorkerProperties properties) {
        dev.byok.worker.review.IdleOrgForgetting forgetting = new dev.byok.worker.review.IdleOrgForgetting(metrics,
                breakers, properties.orgStateExpiry());
        forgetting.start();
        return forgetting;
    }

    @Bean
    ReviewTask reviewTask(OrgConfigs configs, ProviderClients providers, SharedSlotState shared,
            WorkerProperties properties, WorkerMetrics metrics, MainBreakers breakers, Clock clock,
            dev.byok.configstore.tracing.ReviewTracing tracing, SpendGate spendGate) {
        KeyEnvelope envelope = properties.keySettings().envelope(clock);
        RetryPolicy retries = new RetryPolicy(properties.retryBaseDelay(), properties.retryMaxDelay(),
                properties.retryMaxAttempts(), properties.reviewDeadline());
        return new ReviewTask(configs, envelope, providers, shared, breakers, retries, metrics, clock,
                properties.requestTimeout(), tracing, spendGate);
    }

    @Bean
    SpendGate spendGate(RedissonClient redisson, WorkerProperties properties, MeterRegistry meters, Clock clock) {
        // A reservation outlives any call it was made for (a streamed one may run for byok.stream-timeout):
        // only a worker that died leaves one to expire.
        java.time.Duration longestCall = properties.streamTimeout().compareTo(properties.requestTimeout()) > 0
                ? properties.streamTimeout() : properties.requestTimeout();
        RedisSpendLimits limits = new RedisSpendLimits(redisson, properties.redisKeyPrefix(), clock,
                longestCall.plus(java.time.Duration.ofMinutes(1)));
        return new SpendGate(limits, PriceTable.load(Optional.ofNullable(properties.pricesFile())),
                properties.budgetOutputEstimate(), meters, clock);
    }

    @Bean(destroyMethod = "close")
    ReviewEngine reviewEngine(KafkaProperties kafka, RedisPermitGate permits, ReviewTask task, OrgConfigs configs,
            WorkerProperties properties, TopicProvisioner topicsReady, Clock clock, MeterRegistry meters) {
        EngineSettings settings = new EngineSettings(properties.maxInFlight(), properties.permitWait(),
                properties.pauseAtQueued(), properties.pauseAtQueuedBytes(), 20_000, properties.shutdownGrace());
        ReviewEngine engine = new ReviewEngine(kafka.buildConsumerProperties(), kafka.buildProducerProperties(), permits,
                (record, lane, permitCaps, lease) -> task.run(record, lane.slot(), permitCaps.cap(), lease),
                lane -> capsOf(configs, lane),
                settings,
                properties.topicDiscoveryInterval(), clock, meters);
        engine.start();
        return engine;
    }

    private static SlotCaps capsOf(OrgConfigs configs, LaneKey lane) {
        Optional<OrgConfigs.ServingConfig> config = configs.find(lane.orgId());
        StoredSlot slot = config.map(c -> c.config().slot(lane.slot())).orElse(null);
        if (slot == null) {
            return new SlotCaps(new PermitKey(lane.orgId(), lane.slot()), null, 0);
        }
        PermitKey key = config.get().fromEnvironment() ? PermitKey.ofDeploymentDefault(lane.slot())
                : new PermitKey(lane.orgId(), lane.slot());
        return new SlotCaps(key, slot.settings().maxConcurrentRequests(), config.get().config().version());
    }
}
