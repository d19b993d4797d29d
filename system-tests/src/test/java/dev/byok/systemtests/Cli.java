package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.RepoLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the byok tool as a user does ({@code ./byok}), with the settings given as environment. */
final class Cli {

    private final Map<String, String> env;

    Cli(Map<String, String> env) {
        this.env = env;
    }

    record Run(int exit, String out, String err) {
        /** What a failed command must look like: one line on stderr, no stack trace. */
        Run failedInOneLine() {
            assertThat(exit).as(err).isNotZero();
            assertThat(err.strip().lines().count()).as(err).isEqualTo(1);
            assertThat(err).as("no stack trace").doesNotContain("Exception:", "\tat ", "at dev.byok", "at org.");
            assertThat(err).startsWith("byok: ");
            return this;
        }
    }

    Run run(String... args) {
        // ./byok itself, as a user runs it: the launcher picks the JDK and its flags, then starts cli/target/byok.jar.
        List<String> command = new ArrayList<>(List.of(RepoLayout.root().resolve("byok").toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("byok-out", ".txt");
            Path err = Files.createTempFile("byok-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("BYOK_") || name.equals("KAFKA_BOOTSTRAP_SERVERS"));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("byok " + String.join(" ", args) + " did not end within 3 minutes");
            }
            Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
