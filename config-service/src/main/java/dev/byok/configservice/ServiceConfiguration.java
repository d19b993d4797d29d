package dev.byok.configservice;

import dev.byok.configservice.catalog.Catalog;
import dev.byok.configservice.slots.SlotValidator;
import dev.byok.provider.EgressGuard;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    Catalog catalog() {
        return Catalog.fromClasspath();
    }

    @Bean
    SlotValidator slotValidator(EgressGuard egressGuard, Catalog catalog) {
        return new SlotValidator(egressGuard, catalog);
    }
}
