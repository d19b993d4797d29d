package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Kafka's lz4 falls back to a pure-Java compressor inside a Spring Boot jar unless its native
 * library is loaded first: about five times slower on every record each service writes or reads.
 */
class NativeCompressionIT {

    @Test
    void everyServiceCompressesItsKafkaRecordsWithTheNativeLz4() throws IOException {
        Stack stack = SystemUnderTest.stack();

        assertThat(stack.logFiles()).hasSizeGreaterThanOrEqualTo(2 + SystemUnderTest.WORKERS);
        for (Path log : stack.logFiles()) {
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).as(log.getFileName().toString())
                    .contains("Kafka's lz4 compression: LZ4Factory:JNI");
        }
    }
}
