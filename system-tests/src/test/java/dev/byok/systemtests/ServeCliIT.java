package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.RepoLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the CLI: {@code ./run-local serve} (its launcher jar, on its own broker
 * and Redis, as on a machine with nothing else), then exactly the settings it prints, then a
 * review sent with {@code byok review send} and its outcome seen with {@code byok review watch}.
 */
class ServeCliIT {

    private static final String EXPORT = "export ";

    @Test
    void aReviewSentWithTheCliToWhatServeStartedIsSeenToItsOutcome() throws Exception {
        Path runDir = Files.createDirectories(Path.of("target", "serve-run"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dbyok.repo.root=" + RepoLayout.root(), "-jar",
                RepoLayout.root().resolve("local-stack/target/local-stack-exec.jar").toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true);
        // Nothing beside it: its own broker and Redis, as on a fresh machine.
        builder.environment().keySet().removeIf(name -> name.equals("KAFKA_BOOTSTRAP_SERVERS") || name.equals("REDIS_URL")
                || name.startsWith("BYOK_"));
        Process serve = builder.start();
        List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            CompletableFuture<String> export = CompletableFuture.supplyAsync(() -> readUntilExport(serve, printed));
            String line = export.get(5, TimeUnit.MINUTES);
            // The lines after the export line are still being read by the draining thread.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(printed)
                    .anyMatch(l -> l.contains("./byok review send demo --file docs/examples/review.json")));
            Cli cli = new Cli(environment(line));

            Cli.Run sent = cli.run("review", "send", "demo", "--file",
                    RepoLayout.root().resolve("docs/examples/review.json").toString());
            assertThat(sent.exit()).as(sent.err()).isZero();
            String reviewId = sent.out().strip();
            Cli.Run watched = cli.run("review", "watch", reviewId, "--timeout", "PT2M");

            assertThat(watched.exit()).as(watched.err() + String.join("\n", printed)).isZero();
            assertThat(watched.out()).contains("demo  " + reviewId + "  COMPLETED  by main openai_compatible/glm-5.1");
            assertThat(cli.run("show", "demo").out()).contains("main      openai_compatible/glm-5.1", "cap 2");
        } finally {
            serve.destroy();
            if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor();
            }
        }
    }

    /** Reads what serve prints until the line that sets the CLI's environment; keeps the rest draining. */
    private static String readUntilExport(Process serve, List<String> printed) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                printed.add(line);
                if (line.strip().startsWith(EXPORT + "BYOK_URL=")) {
                    String export = line.strip();
                    Thread.ofPlatform().daemon().start(() -> reader.lines().forEach(printed::add));
                    return export;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("serve ended without printing the CLI's settings:\n" + String.join("\n", printed));
    }

    private static Map<String, String> environment(String exportLine) {
        Map<String, String> env = new HashMap<>();
        for (String assignment : exportLine.substring(EXPORT.length()).split(" ")) {
            int equals = assignment.indexOf('=');
            env.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        assertThat(env).containsKeys("BYOK_URL", "KAFKA_BOOTSTRAP_SERVERS", "BYOK_TOKEN", "BYOK_JWT_SECRET");
        return env;
    }
}
