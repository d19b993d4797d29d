package dev.byok.dispatcher;

import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.tracing.ReviewTracing;
import dev.byok.dispatcher.backlog.BacklogMeter;
import dev.byok.dispatcher.topics.RecreationGuard;
import dev.byok.dispatcher.topics.RetirementRule;
import dev.byok.dispatcher.topics.TopicRetirement;
import dev.byok.configstore.DeploymentDefault;
import dev.byok.configstore.kafka.KafkaClientMeters;
import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicSpec;
import dev.byok.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DispatcherConfiguration {

    /** Kafka client meters per tenant topic would be series per org (docs/metrics.md). */
    @Bean
    io.micrometer.core.instrument.config.MeterFilter kafkaMetersWithoutTenantTopics() {
        return dev.byok.configstore.kafka.KafkaClientMeters.withoutTenantTopics();
    }

    @Bean(destroyMethod = "close")
    Admin byokAdmin(KafkaProperties kafka, MeterRegistry meters) {
        return new KafkaClientMeters(meters).admin("admin", Admin.create(kafka.buildAdminProperties()));
    }

    @Bean
    TopicProvisioner topicProvisioner(Admin admin, DispatcherProperties properties) {
        Optional<Short> replication = properties.replicationFactor() > 0
                ? Optional.of(properties.replicationFactor()) : Optional.empty();
        TopicProvisioner provisioner = new TopicProvisioner(admin, replication);
        int partitions = properties.ingressPartitions();
        provisioner.ensure(List.of(TopicSpec.configs(properties.configPartitions()),
                TopicSpec.reviews(Topics.REVIEWS_REQUESTED, partitions),
                TopicSpec.reviews(Topics.REVIEWS_RESULTS, partitions),
                TopicSpec.reviews(Topics.REVIEWS_DEAD_LETTER, partitions)));
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

    /** Removes the tenant topics of idle orgs (docs/SCALE.md, "Idle topics removed"). */
    @Bean(destroyMethod = "close")
    TopicRetirement topicRetirement(KafkaProperties kafka, Admin admin, ConfigTopicView view, TopicProvisioner topics,
            DispatcherProperties properties, Environment environment, MeterRegistry meters) {
        DeploymentDefault deploymentDefault = DeploymentDefault.from(environment::getProperty);
        TopicRetirement retirement = new TopicRetirement(admin, BacklogMeter.WORKER_GROUP, kafka.buildConsumerProperties(),
                new RetirementRule(properties.idleTopicRetention(), properties.unconfiguredTopicRetention()),
                orgId -> view.find(orgId).or(() -> deploymentDefault.asConfigOf(orgId))
                        .filter(config -> config.main() != null || config.fallback() != null).isPresent(), topics::forget,
                properties.topicSweepInterval(), Clock.systemUTC(), meters);
        retirement.start();
        return retirement;
    }

    @Bean(destroyMethod = "close")
    DispatchLoop dispatchLoop(KafkaProperties kafka, Admin admin, ConfigTopicView view, TopicProvisioner topics,
            TopicRetirement retirement, DispatcherProperties properties, Environment environment, MeterRegistry meters,
            ReviewTracing tracing) {
        IngressRouter router = new IngressRouter(new RequestReader(properties.maxReviewBytes()), Clock.systemUTC());
        DeploymentDefault deploymentDefault = DeploymentDefault.from(environment::getProperty);
        DispatchLoop loop = new DispatchLoop(kafka.buildConsumerProperties(), kafka.buildProducerProperties(), router,
                view, deploymentDefault, topics, new RecreationGuard(admin, BacklogMeter.WORKER_GROUP), retirement,
                properties.tenantPartitions(), meters, tracing);
        loop.start();
        return loop;
    }

    /** The per-org backlog for dashboards, alerts and autoscaling (docs/metrics.md, byok_backlog_records). */
    @Bean(destroyMethod = "close")
    BacklogMeter backlogMeter(Admin admin, MeterRegistry meters, DispatcherProperties properties) {
        BacklogMeter meter = new BacklogMeter(admin, meters, properties.backlogInterval());
        meter.start();
        return meter;
    }

    /**
     * Readiness: the config view has read the config topic up to its end as of now, so this
     * instance serves every org's current config (a view that fell behind is not ready).
     */
    @Bean("configView")
    HealthIndicator configViewHealth(ConfigTopicView view) {
        return () -> view.isReady() && view.awaitCaughtUp(java.time.Duration.ofSeconds(3))
                ? Health.up().withDetail("orgs", view.orgIds().size()).build()
                : Health.down().withDetail("configView", view.isReady() ? "behind the config topic" : "not reading")
                        .build();
    }

    /** UP only while the broker answers, the config view reads and the dispatch loop runs. */
    @Bean("kafka")
    HealthIndicator kafkaHealth(Admin admin, ConfigTopicView view, DispatchLoop loop) {
        return () -> {
            try {
                String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId()
                        .get(3, TimeUnit.SECONDS);
                if (!view.isReady() || !loop.isHealthy()) {
                    return Health.down().withDetail("dispatchLoop", loop.isHealthy() ? "running" : "stopped")
                            .withDetail("configView", view.isReady() ? "reading" : "not reading").build();
                }
                return Health.up().withDetail("clusterId", clusterId).build();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
