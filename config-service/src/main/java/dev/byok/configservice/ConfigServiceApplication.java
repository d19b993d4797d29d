package dev.byok.configservice;

import dev.byok.configstore.kafka.NativeCompression;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConfigServiceApplication {

    public static void main(String[] args) {
        NativeCompression.load();
        SpringApplication.run(ConfigServiceApplication.class, args);
    }
}
