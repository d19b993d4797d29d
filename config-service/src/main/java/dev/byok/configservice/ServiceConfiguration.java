package dev.byok.configservice;

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
    SlotValidator slotValidator(EgressGuard egressGuard) {
        return new SlotValidator(egressGuard);
    }
}
