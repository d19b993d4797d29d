package dev.byok.dispatcher;

import dev.byok.configstore.kafka.NativeCompression;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatcherApplication {

    public static void main(String[] args) {
        NativeCompression.load();
        SpringApplication.run(DispatcherApplication.class, args);
    }
}
