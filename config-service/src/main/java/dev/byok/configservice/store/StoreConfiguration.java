package dev.byok.configservice.store;

import dev.byok.configservice.ConfigServiceProperties;
import dev.byok.configservice.audit.AuditLog;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.kafka.KafkaClientMeters;
import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    Admin byokAdmin(KafkaProperties kafka, MeterRegistry meters) {
        return new KafkaClientMeters(meters).admin("admin", Admin.create(kafka.buildAdminProperties()));
    }

    @Bean
    TopicProvisioner topicProvisioner(Admin admin, ConfigServiceProperties properties) {
        Optional<Short> replication = properties.replicationFactor() > 0
                ? Optional.of(properties.replicationFactor()) : Optional.empty();
        TopicProvisioner provisioner = new TopicProvisioner(admin, replication);
        provisioner.ensure(List.of(TopicSpec.configs(properties.configPartitions()),
                TopicSpec.audit(properties.auditPartitions(), properties.auditRetention())));
        return provisioner;
    }

    /** Started and caught up before the service takes requests: a GET must never answer from an empty view. */
    /** Skipped config records, counted: a forged or broken record shows on the dashboard, not only in a log line. */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder configViewMetrics(ConfigTopicView view) {
        return new dev.byok.configstore.ConfigViewMetrics(view);
    }

    @Bean(destroyMethod = "close")
    ConfigTopicView configTopicView(KafkaProperties kafka, Admin admin, TopicProvisioner topicsReady,
            ConfigServiceProperties properties) {
        ConfigTopicView view = new ConfigTopicView(kafka.buildConsumerProperties(), admin);
        view.start();
        if (!view.awaitReady(Duration.ofSeconds(60))) {
            throw new dev.byok.configstore.ConfigStoreUnavailableException("could not read the config topic within 60 s");
        }
        return view;
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

    @Bean(destroyMethod = "close")
    AuditLog auditLog(KafkaProperties kafka, TopicProvisioner topicsReady, ConfigServiceProperties properties) {
        return new AuditLog(kafka.buildConsumerProperties(), properties.writeTimeout());
    }

    @Bean
    KeyEnvelope keyEnvelope(ConfigServiceProperties properties) {
        return properties.keySettings().envelope(java.time.Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    ConfigWriter configWriter(KafkaProperties kafka, ConfigTopicView view, ConfigServiceProperties properties,
            MeterRegistry meters) {
        Map<String, Object> producerConfig = kafka.buildProducerProperties();
        return new ConfigWriter(producerConfig, view, properties.writeTimeout(), new KafkaClientMeters(meters));
    }
}
