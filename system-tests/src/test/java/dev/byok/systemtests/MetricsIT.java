package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.PrometheusText;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the services export on {@code /actuator/prometheus}, read as Prometheus reads it, against
 * docs/metrics.md (the catalogue the dashboard and alert rules are checked against): each listed
 * metric is exported by its service with its type, every {@code byok_*} metric is listed, counters
 * end in {@code _total}, histograms carry a unit, token counters name provider and model, and the
 * per-org backlog appears while an org's reviews wait and goes when they are done.
 */
class MetricsIT {

    /** Metrics registered only when their event happens (a crash, a pause, a retry, a probe): checked when present. */
    private static final Set<String> ONLY_AFTER_THEIR_EVENT = Set.of("byok_worker_calls_repeated_total",
            "byok_worker_lane_paused", "byok_worker_retries_total", "byok_config_probes_total", "byok_backlog_records",
            "byok_dispatcher_batches_rewound_total", "byok_worker_budget_refusals_total", "byok_worker_quota_full_total",
            "byok_budget_spent", "byok_budget_remaining");
    private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

    private static Stack stack;
    private static ReviewTraffic traffic;
    private static TestOrgs orgs;

    @BeforeAll
    static void startSystem() {
        stack = SystemUnderTest.stack();
        traffic = SystemUnderTest.traffic();
        orgs = new TestOrgs(stack);
    }

    @Test
    void theBacklogOfAnOrgIsOneSeriesWhileItsReviewsWaitAndNoneAfter() {
        String org = Slots.newOrgId("backlog");
        orgs.save(org, "main", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(1500))), 1);
        int reviews = 6;
        for (int i = 0; i < reviews; i++) {
            send(ReviewTraffic.request(org + "-b" + i, org, "diff --git a/A.java b/A.java\n+ int x = " + i + ";"));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> backlog(org) > 0);
        for (int i = 0; i < reviews; i++) {
            assertThat(traffic.await(org + "-b" + i, Duration.ofSeconds(120)).status()).isEqualTo(ReviewStatus.COMPLETED);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(SecretScan.metrics(stack).get(stack.dispatcher().name()))
                        .doesNotContain("org=\"" + org + "\""));
    }

    @Test
    void everyServiceExportsTheCataloguedMetricsWithTheirTypes() throws Exception {
        String org = Slots.newOrgId("metrics");
        orgs.save(org, "main", orgs.key(KeyBehaviour.ok().failingAlways(Fault.rateLimited(Duration.ofSeconds(2)))), null);
        orgs.save(org, "fallback", orgs.key(KeyBehaviour.ok()), null);
        send(ReviewTraffic.request(org + "-m1", org, "diff --git a/B.java b/B.java\n+ return null;"));
        ReviewOutcome outcome = traffic.await(org + "-m1", Duration.ofSeconds(60));
        assertThat(outcome.servedBy()).isEqualTo(Slot.FALLBACK);

        MetricsCatalogue catalogue = MetricsCatalogue.read();
        Map<String, String> scrapes = SecretScan.metrics(stack);
        Map<String, Map<String, String>> typesByService = new LinkedHashMap<>();
        scrapes.forEach((service, text) -> typesByService.put(service, types(text)));

        for (MetricsCatalogue.Entry entry : catalogue.entries().values()) {
            Map<String, String> types = new HashMap<>();
            typesByService.forEach((service, byName) -> {
                if (entry.exportedBy(serviceName(service)) && byName.containsKey(entry.name())) {
                    types.put(service, byName.get(entry.name()));
                }
            });
            if (!ONLY_AFTER_THEIR_EVENT.contains(entry.name())) {
                assertThat(types).as(entry.name() + " exported by " + entry.services()).isNotEmpty();
            }
            assertThat(types.values()).as(entry.name()).allMatch(type -> type.equals(entry.type()));
        }
        typesByService.forEach((service, byName) -> byName.forEach((name, type) -> {
            if (name.startsWith("byok_") && !catalogue.knows(name)) {
                throw new AssertionError(service + " exports " + name + ", which docs/metrics.md does not list");
            }
            if (name.startsWith("byok_") && catalogue.entries().containsKey(name)) {
                assertThat(catalogue.entries()).as(service + " exports " + name + ", which docs/metrics.md does not list")
                        .containsKey(name);
                if (type.equals("counter")) {
                    assertThat(name).endsWith("_total");
                }
                if (type.equals("histogram")) {
                    assertThat(name).matches(".*_(seconds|bytes)$");
                }
            }
        }));

        String worker = scrapes.entrySet().stream().filter(e -> e.getKey().startsWith("llm-worker"))
                .filter(e -> e.getValue().contains("org=\"" + org + "\"")).map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(lines(worker, "byok_worker_tokens_total", org)).isNotEmpty()
                .allMatch(line -> line.contains("provider=\"") && line.contains("model=\""));
        assertThat(lines(worker, "byok_worker_attempts_total", org)).anyMatch(l -> l.contains("outcome=\"RATE_LIMITED\""))
                .allMatch(line -> line.contains("provider=\""));
        assertThat(lines(worker, "byok_worker_breaker_state", org)).isNotEmpty();
        assertThat(lines(worker, "byok_worker_cooldown_remaining_seconds", org)).isNotEmpty();
        assertThat(new PrometheusText(worker).sum("byok_worker_cooldowns_total", Map.of("org", org))).isEqualTo(1);
        assertThat(scrapes.get(stack.dispatcher().name())).as("the dispatcher's consumer lag")
                .contains("kafka_consumer_fetch_manager_records_lag{");
    }

    private static double backlog(String org) {
        return new PrometheusText(SecretScan.metrics(stack).get(stack.dispatcher().name()))
                .sum("byok_backlog_records", Map.of("org", org, "slot", "main"));
    }

    /** The TYPE of every metric family, by the name its series carry (counters with their _total). */
    private static Map<String, String> types(String exposition) {
        Map<String, String> types = new TreeMap<>();
        Matcher matcher = TYPE.matcher(exposition);
        while (matcher.find()) {
            String name = matcher.group(1);
            String type = matcher.group(2);
            if (type.equals("counter") && !name.endsWith("_total")) {
                name = name + "_total";
            }
            types.put(name, type);
        }
        return types;
    }

    private static List<String> lines(String exposition, String name, String org) {
        return exposition.lines().filter(l -> l.startsWith(name + "{") && l.contains("org=\"" + org + "\"")).toList();
    }

    /** config-service-1 and llm-worker-2 are instances of config-service and llm-worker. */
    private static String serviceName(String instance) {
        for (String service : List.of("config-service", "review-dispatcher", "llm-worker")) {
            if (instance.startsWith(service)) {
                return service;
            }
        }
        return instance;
    }

    private static void send(dev.byok.model.ReviewRequested request) {
        TestOrgs.REVIEWS_SENT.add(request.reviewId());
        traffic.send(request);
    }
}
