package dev.byok.localstack;

import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.KeyStats;
import dev.byok.simulator.ProviderSimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The local launcher. {@code demo} starts everything on embedded defaults, runs a realistic
 * workload over several orgs and prints what happened; {@code serve} starts everything and keeps
 * it running for you to use.
 */
public final class LocalRun {

    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(3);

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "demo" : args[0];
        if (!mode.equals("demo") && !mode.equals("serve")) {
            System.err.println("usage: run-local [demo|serve]");
            System.exit(2);
        }
        Path runDir = Path.of("run", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.out.println("byok-review local run (" + mode + "), logs in " + runDir.toAbsolutePath());
        try (Infra infra = Infra.start(); ProviderSimulator simulator = ProviderSimulator.start()) {
            System.out.println("  Kafka  " + infra.kafka() + (infra.ownKafka ? " (in-process KRaft broker)" : ""));
            System.out.println("  Redis  " + infra.redis() + (infra.ownRedis ? " (redis-server started from Maven Central)" : ""));
            System.out.println("  starting config-service, review-dispatcher and 2 llm-workers ...");
            long started = System.nanoTime();
            try (Stack stack = Stack.start(runDir, infra.kafka(), infra.redis(), simulator, 2, Map.of());
                    ReviewTraffic traffic = new ReviewTraffic(infra.kafka())) {
                System.out.printf("  up in %.1f s%n%n", (System.nanoTime() - started) / 1e9);
                if (mode.equals("demo")) {
                    new Demo(stack, traffic).run();
                } else {
                    serve(stack);
                }
            }
        }
    }

    private static void serve(Stack stack) throws InterruptedException {
        String demoKey = "sk-demo-" + HexFormat.of().formatHex(random(16));
        stack.simulator().program(demoKey, KeyBehaviour.ok().withLatency(Duration.ofMillis(500)).withModels(PAGE_MODELS));
        // A second key the simulator accepts, to try the settings page with (e.g. a fallback).
        String tryKey = "sk-try-" + HexFormat.of().formatHex(random(16));
        stack.simulator().program(tryKey, KeyBehaviour.ok().withLatency(Duration.ofMillis(300)).withModels(PAGE_MODELS));
        ByokApi api = stack.api(stack.tokens().admin(Duration.ofDays(1)));
        api.putSlot("demo", "main", """
                {"provider":"openai_compatible","model":"glm-5.1","baseUrl":"%s","apiKey":"%s","maxConcurrentRequests":2}"""
                .formatted(stack.simulatorBaseUrl(), demoKey));
        String token = stack.tokens().admin(Duration.ofDays(1));
        System.out.println("Everything runs. Press Ctrl-C to stop.\n");
        System.out.println("  config-service     " + stack.configService().baseUrl() + "/api/v1/orgs/{orgId}/byok");
        System.out.println("  review-dispatcher  " + stack.dispatcher().baseUrl() + "/actuator/health");
        for (ServiceProcess worker : stack.workers()) {
            System.out.println("  " + worker.name() + "       " + worker.baseUrl() + "/actuator/health");
        }
        System.out.println("  provider simulator " + stack.simulatorBaseUrl() + "  (any baseUrl on 127.0.0.1 is allowed)");
        System.out.println("  Kafka              " + stack.kafkaBootstrap());
        System.out.println("  Redis              " + stack.redisUrl());
        System.out.println("\nTopics: requests -> " + Topics.REVIEWS_REQUESTED + ", outcomes <- " + Topics.REVIEWS_RESULTS
                + ", dead letters " + Topics.REVIEWS_DEAD_LETTER + ", configs " + Topics.CONFIGS);
        System.out.println("\nBearer token (byok:admin, 24 h):\n  " + token);
        System.out.println("\nOrg 'demo' already has a main slot on the simulator. Try:");
        System.out.println("  curl -s -H 'Authorization: Bearer " + token + "' " + stack.configService().baseUrl()
                + "/api/v1/orgs/demo/byok");
        System.out.println("\nSettings page for org 'demo' (the token is in the URL fragment, which the browser never "
                + "sends to a server;\n  the page asks before it uses a token from a link):");
        System.out.println("  " + settingsPageUrl(stack.configService().baseUrl(), "demo",
                stack.tokens().forOrgs(List.of("demo"), Duration.ofDays(1))));
        System.out.println("  To connect a model there, open 'Use a different endpoint' on its card (or configure it "
                + "manually),\n  set the endpoint to " + stack.simulatorBaseUrl() + " and use the simulator key " + tryKey);
        System.out.println("\nThe byok command-line tool (./byok in the repository), in another terminal:");
        System.out.println("  " + cliEnvironment(stack, token));
        System.out.println("  ./byok orgs");
        System.out.println("  ./byok show demo");
        System.out.println("  ./byok review send demo --file docs/examples/review.json");
        System.out.println("  ./byok review watch demo");
        System.out.println("  ./byok dlt list");
        new CountDownLatch(1).await();
    }

    /** The one line that points the CLI at this stack; public so the CLI's test uses exactly what serve prints. */
    public static String cliEnvironment(Stack stack, String token) {
        return "export BYOK_URL=" + stack.configService().baseUrl() + " KAFKA_BOOTSTRAP_SERVERS=" + stack.kafkaBootstrap()
                + " BYOK_TOKEN=" + token + " BYOK_JWT_SECRET=" + stack.jwtSecret();
    }

    /** Models the simulator lists for the serve mode's keys, so the page's Test finds the catalog's ids. */
    private static final String[] PAGE_MODELS = {"glm-5.1", "kimi-k2.6", "qwen3-coder", "deepseek-v3"};

    /**
     * The settings page, signed in: org and token travel in the fragment, never in the query string.
     * Public so the browser tests open exactly the URL {@code serve} prints.
     */
    public static String settingsPageUrl(String configServiceBaseUrl, String orgId, String token) {
        return configServiceBaseUrl + "/byok/#org=" + orgId + "&token=" + token;
    }

    static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Kafka and Redis: the ones named by the environment, else started here. */
    private record Infra(String kafka, String redis, boolean ownKafka, boolean ownRedis,
            EmbeddedKafkaCluster kafkaCluster, EmbeddedRedis redisServer) implements AutoCloseable {

        static Infra start() {
            String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            String redis = System.getenv("REDIS_URL");
            EmbeddedKafkaCluster cluster = kafka == null || kafka.isBlank() ? EmbeddedKafkaCluster.start(0) : null;
            EmbeddedRedis server = redis == null || redis.isBlank() ? EmbeddedRedis.start(0) : null;
            return new Infra(cluster != null ? cluster.bootstrapServers() : kafka, server != null ? server.url() : redis,
                    cluster != null, server != null, cluster, server);
        }

        @Override
        public void close() {
            if (redisServer != null) {
                redisServer.close();
            }
            if (kafkaCluster != null) {
                kafkaCluster.close();
            }
        }
    }

    /** The demo workload: orgs in the situations the product exists for. */
    private static final class Demo {

        private final Stack stack;
        private final ReviewTraffic traffic;
        private final ByokApi api;
        private final Map<String, OrgPlan> orgs = new LinkedHashMap<>();

        Demo(Stack stack, ReviewTraffic traffic) {
            this.stack = stack;
            this.traffic = traffic;
            this.api = stack.api(stack.tokens().admin(Duration.ofHours(1)));
        }

        void run() throws InterruptedException {
            configure();
            List<String> reviewIds = new ArrayList<>();
            orgs.forEach((org, plan) -> {
                for (int i = 1; i <= plan.reviews(); i++) {
                    String id = org + "-pr" + (100 + i);
                    traffic.send(ReviewTraffic.request(id, org, "diff --git a/src/Service.java b/src/Service.java\n"
                            + "+    return repository.find(id).orElseThrow();\n".repeat(20 + i)));
                    reviewIds.add(id);
                }
            });
            System.out.println("Sent " + reviewIds.size() + " review requests to " + Topics.REVIEWS_REQUESTED + "\n");
            waitForOutcomes(reviewIds);
            printSummary();
        }

        private void configure() {
            orgs.put("acme", new OrgPlan("GLM Coding Plan main (cap 1) with a fallback", 12,
                    slot("main", "acme", "glm-5.1", 1, KeyBehaviour.ok().withLatency(Duration.ofMillis(700))
                            .withConcurrencyCap(1)),
                    slot("fallback", "acme", "kimi-k2.6", 4, KeyBehaviour.ok().withLatency(Duration.ofMillis(500)))));
            orgs.put("globex", new OrgPlan("main rate-limited (429, Retry-After 2 s), fallback healthy", 8,
                    slot("main", "globex", "gpt-5.4", 4, KeyBehaviour.ok().failingAlways(Fault.rateLimited(Duration.ofSeconds(2)))),
                    slot("fallback", "globex", "claude-sonnet-4-6", 2, KeyBehaviour.ok().withLatency(Duration.ofMillis(400)))));
            // Outages are retried on main (a later record, not a sleeping thread); running out of credit is not.
            orgs.put("initech", new OrgPlan("no fallback; 3 outages (503), 2 out-of-credit (402)", 8,
                    slot("main", "initech", "deepseek-v3", 3, KeyBehaviour.ok().withLatency(Duration.ofMillis(300))
                            .failingNext(3, Fault.httpError(503, "The model is overloaded"))
                            .failingNext(2, Fault.httpError(402, "Insufficient balance"))), null));
            orgs.put("umbrella", new OrgPlan("backlog on a main capped at 3", 30,
                    slot("main", "umbrella", "qwen3-coder", 3, KeyBehaviour.ok().withLatency(Duration.ofMillis(600))
                            .withConcurrencyCap(3)), null));
            orgs.put("hooli", new OrgPlan("never configured BYOK", 2, null, null));
        }

        private SlotSetup slot(String slot, String org, String model, Integer cap, KeyBehaviour behaviour) {
            String key = "sk-demo-" + HexFormat.of().formatHex(random(16));
            stack.simulator().program(key, behaviour);
            ByokApi.Response saved = api.putSlot(org, slot, """
                    {"provider":"openai_compatible","model":"%s","baseUrl":"%s","apiKey":"%s","maxConcurrentRequests":%d}"""
                    .formatted(model, stack.simulatorBaseUrl(), key, cap));
            if (saved.status() != 200) {
                throw new IllegalStateException("saving " + slot + " of " + org + " failed: " + saved.body());
            }
            return new SlotSetup(key, model, cap);
        }

        private void waitForOutcomes(List<String> reviewIds) throws InterruptedException {
            long deadline = System.nanoTime() + DEMO_TIMEOUT.toNanos();
            int done = 0;
            while (System.nanoTime() < deadline) {
                done = (int) reviewIds.stream().filter(id -> traffic.outcome(id).isPresent()).count();
                Map<String, Integer> inFlight = new TreeMap<>();
                orgs.forEach((org, plan) -> {
                    if (plan.main() != null) {
                        inFlight.put(org, stack.simulator().stats(plan.main().key()).inFlight());
                    }
                });
                System.out.printf("\r  %3d / %d outcomes   in flight at the provider (main): %s      ", done,
                        reviewIds.size(), inFlight);
                if (done == reviewIds.size()) {
                    break;
                }
                Thread.sleep(250);
            }
            System.out.println("\n");
            if (done < reviewIds.size()) {
                System.out.println("  (not all reviews finished within " + DEMO_TIMEOUT + ")");
            }
        }

        private void printSummary() {
            System.out.println("Summary");
            String format = "  %-9s %-58s %5s %6s %9s %7s  %s%n";
            System.out.printf(format, "org", "situation", "sent", "main", "fallback", "failed", "max in flight / cap");
            Map<String, Integer> failures = new TreeMap<>();
            orgs.forEach((org, plan) -> {
                int main = 0;
                int fallback = 0;
                int failed = 0;
                for (int i = 1; i <= plan.reviews(); i++) {
                    ReviewOutcome outcome = traffic.outcome(org + "-pr" + (100 + i)).orElse(null);
                    if (outcome == null) {
                        continue;
                    }
                    if (outcome.status() == ReviewStatus.COMPLETED) {
                        if (outcome.servedBy() == Slot.MAIN) {
                            main++;
                        } else {
                            fallback++;
                        }
                    } else {
                        failed++;
                        failures.merge(outcome.error().code().name(), 1, Integer::sum);
                    }
                }
                System.out.printf(format, org, plan.situation(), plan.reviews(), main, fallback, failed,
                        concurrency(plan));
            });
            System.out.println();
            System.out.println("  Failed, by reason: " + (failures.isEmpty() ? "none" : failures));
            long rejections = orgs.values().stream().mapToLong(this::rejections).sum();
            List<String> over = overCap();
            if (over.isEmpty() && rejections == 0) {
                System.out.println("  Every org stayed within its cap: the simulator counted 0 'Too much concurrency' answers.");
            } else {
                System.out.println("  CAP EXCEEDED: " + (over.isEmpty() ? "" : String.join(", ", over) + "; ")
                        + "the simulator counted " + rejections + " 'Too much concurrency' answers.");
            }
        }

        /** The slots whose provider saw more calls at once than their cap, as "org slot max/cap". */
        private List<String> overCap() {
            List<String> over = new ArrayList<>();
            orgs.forEach((org, plan) -> {
                for (SlotSetup slot : new SlotSetup[] {plan.main(), plan.fallback()}) {
                    if (slot != null && slot.cap() != null) {
                        int max = stack.simulator().stats(slot.key()).maxInFlight();
                        if (max > slot.cap()) {
                            over.add(org + " " + (slot == plan.main() ? "main" : "fallback") + " " + max + "/" + slot.cap());
                        }
                    }
                }
            });
            return over;
        }

        private String concurrency(OrgPlan plan) {
            List<String> parts = new ArrayList<>();
            for (SlotSetup slot : new SlotSetup[] {plan.main(), plan.fallback()}) {
                if (slot != null) {
                    KeyStats stats = stack.simulator().stats(slot.key());
                    parts.add((slot == plan.main() ? "main " : "fallback ") + stats.maxInFlight() + "/" + slot.cap());
                }
            }
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }

        private long rejections(OrgPlan plan) {
            long total = 0;
            for (SlotSetup slot : new SlotSetup[] {plan.main(), plan.fallback()}) {
                if (slot != null) {
                    total += stack.simulator().stats(slot.key()).concurrencyRejections();
                }
            }
            return total;
        }
    }

    private record SlotSetup(String key, String model, Integer cap) {
    }

    private record OrgPlan(String situation, int reviews, SlotSetup main, SlotSetup fallback) {
    }
}
