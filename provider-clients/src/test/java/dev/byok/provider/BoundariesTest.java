package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's boundaries, checked on the sources: the slot rules stay pure (no HTTP, no provider
 * formats), and one provider's wire format never reaches into another's.
 */
class BoundariesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/byok/provider");

    @Test
    void theRulesArePureAndKnowNoWireFormat() throws IOException {
        for (Path file : sources(MAIN.resolve("internal/rules"))) {
            assertThat(Files.readString(file)).as(file.toString())
                    .doesNotContain("java.net.http", "org.apache.hc", "import dev.byok.provider.internal.Http",
                            "import dev.byok.provider.openai", "import dev.byok.provider.anthropic",
                            "import dev.byok.provider.google", "Instant.now", "System.currentTimeMillis");
        }
    }

    @Test
    void providerFormatsDoNotUseEachOther() throws IOException {
        for (String provider : List.of("openai", "anthropic", "google")) {
            for (Path file : sources(MAIN.resolve(provider))) {
                String text = Files.readString(file);
                for (String other : List.of("openai", "anthropic", "google")) {
                    if (!other.equals(provider)) {
                        assertThat(text).as(file.toString()).doesNotContain("import dev.byok.provider." + other + ".");
                    }
                }
            }
        }
    }

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
