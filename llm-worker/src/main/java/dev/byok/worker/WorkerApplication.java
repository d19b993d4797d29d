package dev.byok.worker;

import dev.byok.configstore.kafka.NativeCompression;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

    public static void main(String[] args) {
        NativeCompression.load();
        SpringApplication.run(WorkerApplication.class, args);
    }
}
