package dev.byok.configservice.store;

import dev.byok.configservice.ConfigServiceProperties;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    Admin byokAdmin(KafkaProperties kafka) {
        return Admin.create(kafka.buildAdminProperties());
    }

    @Bean
    TopicProvisioner topicProvisioner(Admin admin, ConfigServiceProperties properties) {
        Optional<Short> replication = properties.replicationFactor() > 0
                ? Optional.of(properties.replicationFactor()) : Optional.empty();
        TopicProvisioner provisioner = new TopicProvisioner(admin, replication);
        provisioner.ensure(List.of(TopicSpec.configs(properties.configPartitions())));
        return provisioner;
    }

    /** Started and caught up before the service takes requests: a GET must never answer from an empty view. */
    @Bean(destroyMethod = "close")
    ConfigTopicView configTopicView(KafkaProperties kafka, Admin admin, TopicProvisioner topicsReady,
            ConfigServiceProperties properties) {
        ConfigTopicView view = new ConfigTopicView(kafka.buildConsumerProperties(), admin);
        view.start();
        if (!view.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("could not read the config topic within 60 s");
        }
        return view;
    }

    @Bean
    KeyEnvelope keyEnvelope(ConfigServiceProperties properties) {
        return properties.keySettings().envelope(java.time.Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    ConfigWriter configWriter(KafkaProperties kafka, ConfigTopicView view, ConfigServiceProperties properties) {
        Map<String, Object> producerConfig = kafka.buildProducerProperties();
        return new ConfigWriter(producerConfig, view, properties.writeTimeout());
    }
}
