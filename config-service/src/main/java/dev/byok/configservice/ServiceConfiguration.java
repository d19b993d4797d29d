package dev.byok.configservice;

import dev.byok.configservice.catalog.Catalog;
import dev.byok.configservice.slots.SlotProbes;
import dev.byok.configservice.slots.SlotValidator;
import dev.byok.provider.ProviderProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import dev.byok.configstore.DeploymentDefault;
import dev.byok.provider.EgressGuard;
import java.time.Clock;
import dev.byok.configservice.api.BodySizeLimit;
import dev.byok.configservice.api.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class ServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EgressGuard egressGuard(ConfigServiceProperties properties) {
        return EgressGuard.fromAllowList(properties.egressAllow());
    }

    @Bean
    SlotProbes slotProbes(EgressGuard egressGuard, Clock clock, ConfigServiceProperties properties,
            MeterRegistry meters) {
        return new SlotProbes(new ProviderProbe(egressGuard, clock, Duration.ofSeconds(3)), properties.probeTimeout(),
                properties.probesPerMinute(), meters);
    }

    /** The operator's default for orgs without their own config (BYOK_DEFAULT_*); checked at startup. */
    @Bean
    DeploymentDefault deploymentDefault(Environment environment) {
        return DeploymentDefault.from(environment::getProperty);
    }

    /** A slot config is a few kilobytes; nothing larger is read. */
    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(ProblemWriter problems, ConfigServiceProperties properties) {
        FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(
                new BodySizeLimit(properties.maxBodyBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    Catalog catalog() {
        return Catalog.fromClasspath();
    }

    @Bean
    SlotValidator slotValidator(EgressGuard egressGuard, Catalog catalog) {
        return new SlotValidator(egressGuard, catalog);
    }
}
