package dev.byok.systemtests;

import dev.byok.localstack.Infrastructure;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.simulator.ProviderSimulator;
import java.nio.file.Path;
import java.util.Map;

/**
 * One running system per test JVM, shared by the test classes: starting Kafka, Redis and five
 * JVMs costs seconds, and every test works with its own orgs and keys. Logs go to
 * {@code target/system-run}, where the secret scan reads them.
 */
final class SystemUnderTest {

    static final int WORKERS = 2;
    private static Stack stack;
    private static ReviewTraffic traffic;
    private static ServiceProcess secondConfigService;

    private SystemUnderTest() {
    }

    static synchronized Stack stack() {
        if (stack == null) {
            ProviderSimulator simulator = ProviderSimulator.start();
            stack = Stack.start(Path.of("target", "system-run"), Infrastructure.kafkaBootstrapServers(),
                    Infrastructure.redisUrl(), simulator, WORKERS,
                    // DEBUG on our own code: a key must not leak even in the most talkative logs
                    Map.of("LOGGING_LEVEL_DEV_BYOK", "DEBUG", "BYOK_REQUEST_TIMEOUT", "20s"));
            traffic = new ReviewTraffic(stack.kafkaBootstrap());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                traffic.close();
                stack.close();
                simulator.close();
            }, "system-under-test-stop"));
        }
        return stack;
    }

    /** A second config-service instance on the same topic, started on first use. */
    static synchronized ServiceProcess secondConfigService() {
        if (secondConfigService == null) {
            secondConfigService = stack().addConfigService();
        }
        return secondConfigService;
    }

    static synchronized ReviewTraffic traffic() {
        stack();
        return traffic;
    }
}
