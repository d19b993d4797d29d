package dev.byok.systemtests;

import static dev.byok.systemtests.KubernetesManifests.custom;
import static dev.byok.systemtests.KubernetesManifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.localstack.RepoLayout;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes deployment of deploy/kubernetes, as {@code kubectl apply -k} would send it: every
 * object read into the typed Kubernetes model with unknown fields rejected, then checked for what
 * an operator relies on: probes on the health groups, a PodDisruptionBudget per service, the master
 * key and every other secret from Secrets, a drain that Kubernetes does not cut off, and monitoring
 * objects that find the services.
 */
class DeploymentManifestsTest {

    private static final Path DIR = RepoLayout.root().resolve("deploy/kubernetes");
    private static final Set<String> SERVICES = Set.of("config-service", "review-dispatcher", "llm-worker");
    /** The Secrets README "Operations" tells the operator to create, with their keys. */
    private static final Map<String, Set<String>> SECRETS = Map.of(
            "byok-master-key", Set.of("master.key"),
            "byok-jwt", Set.of("BYOK_JWT_SECRET"),
            "byok-redis", Set.of("REDIS_URL"),
            "byok-kafka", Set.of("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "username", "password"),
            "byok-prometheus", Set.of("token"));

    private static List<HasMetadata> objects;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheKustomization() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(DIR.resolve("kustomization.yaml")));
        objects = new ArrayList<>();
        for (String resource : (List<String>) kustomization.get("resources")) {
            objects.addAll(KubernetesManifests.read(DIR.resolve(resource)));
        }
    }

    @Test
    void aFieldKubernetesDoesNotKnowIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, Files.readString(DIR.resolve("llm-worker.yaml"))
                .replace("livenessProbe:", "livenesProbe:"));

        assertThatThrownBy(() -> KubernetesManifests.read(typo)).hasMessageContaining("livenesProbe");
    }

    @Test
    void everyServiceIsDeployedWithProbesOnItsHealthGroupsAndResources() {
        List<Deployment> deployments = ofKind(objects, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getImage()).isEqualTo("byok/" + name);
            Set<String> ports = Set.copyOf(container.getPorts().stream().map(p -> p.getName()).toList());
            assertProbe(name, container.getLivenessProbe(), "/actuator/health/liveness", ports);
            assertProbe(name, container.getReadinessProbe(), "/actuator/health/readiness", ports);
            assertProbe(name, container.getStartupProbe(), "/actuator/health/liveness", ports);
            assertThat(env(container, "SERVER_PORT").getValue()).as(name)
                    .isEqualTo(container.getPorts().getFirst().getContainerPort().toString());
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                    .as(name + " keeps every replica until its successor is ready").isZero();
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        }
    }

    @Test
    void everyServiceHasADisruptionBudgetThatSelectsItsPods() {
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> budgets = ofKind(objects, PodDisruptionBudget.class).stream()
                    .filter(pdb -> podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
            assertThat(budgets).as(deployment.getMetadata().getName()).hasSize(1);
            PodDisruptionBudget budget = budgets.getFirst();
            int replicas = deployment.getSpec().getReplicas();
            boolean leavesOneUp = budget.getSpec().getMinAvailable() != null
                    ? budget.getSpec().getMinAvailable().getIntVal() >= 1
                    : budget.getSpec().getMaxUnavailable().getIntVal() < replicas;
            assertThat(leavesOneUp).as(deployment.getMetadata().getName() + " keeps a pod during a node drain").isTrue();
        }
    }

    /** The master key reaches config-service and the workers only from the Secret, as an owner-only file. */
    @Test
    void theMasterKeyComesFromTheSecretAsAnOwnerOnlyFile() {
        for (String name : List.of("config-service", "llm-worker")) {
            PodSpec pod = deployment(name).getSpec().getTemplate().getSpec();
            Volume secret = pod.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
            assertThat(secret.getSecret().getSecretName()).isEqualTo("byok-master-key");
            assertThat(secret.getSecret().getItems()).extracting(i -> i.getKey()).containsExactly("master.key");

            String keyFile = env(pod.getContainers().getFirst(), "BYOK_MASTER_KEY_FILE").getValue();
            Path keyDir = Path.of(keyFile).getParent();
            String copyVolume = pod.getContainers().getFirst().getVolumeMounts().stream()
                    .filter(m -> Path.of(m.getMountPath()).equals(keyDir)).findFirst().orElseThrow().getName();
            Container init = pod.getInitContainers().getFirst();
            assertThat(init.getVolumeMounts()).anyMatch(m -> m.getName().equals(copyVolume));
            String secretPath = init.getVolumeMounts().stream().filter(m -> m.getName().equals(secret.getName()))
                    .findFirst().orElseThrow().getMountPath();
            assertThat(String.join(" ", init.getCommand()))
                    .contains("cp " + secretPath + "/master.key " + keyFile, "chmod 600 " + keyFile);
            assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(copyVolume))
                    .allMatch(v -> v.getEmptyDir() != null && "Memory".equals(v.getEmptyDir().getMedium()));
        }
        assertThat(deployment("review-dispatcher").getSpec().getTemplate().getSpec().getVolumes())
                .as("the dispatcher never opens a key").noneMatch(v -> v.getSecret() != null);
    }

    /** No secret is written into a manifest: each comes from a Secret the README names, by a key it has. */
    @Test
    void everySecretSettingComesFromANamedSecret() {
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            for (EnvVar env : deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()) {
                if (env.getName().matches(".*(SECRET|PASSWORD|JAAS|REDIS_URL|TOKEN).*")) {
                    assertThat(env.getValue()).as(env.getName() + " written into the manifest").isNull();
                    var ref = env.getValueFrom().getSecretKeyRef();
                    assertThat(SECRETS).as(env.getName()).containsKey(ref.getName());
                    assertThat(SECRETS.get(ref.getName())).as(env.getName()).contains(ref.getKey());
                }
            }
        }
        Map<String, String> settings = ofKind(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).getFirst().getData();
        assertThat(settings.keySet()).noneMatch(k -> k.matches(".*(SECRET|PASSWORD|JAAS|REDIS_URL|TOKEN).*"));
        assertThat(env(deployment("config-service").getSpec().getTemplate().getSpec().getContainers().getFirst(),
                "BYOK_JWT_SECRET").getValueFrom().getSecretKeyRef().getName()).isEqualTo("byok-jwt");
    }

    /** Kubernetes kills a pod at its grace period: the worker's own drain must end well before that. */
    @Test
    void theWorkersDrainEndsBeforeKubernetesKillsIt() {
        PodSpec pod = deployment("llm-worker").getSpec().getTemplate().getSpec();
        Duration drain = Duration.parse("PT" + env(pod.getContainers().getFirst(), "BYOK_SHUTDOWN_GRACE").getValue());

        assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds())).isGreaterThanOrEqualTo(drain.plusSeconds(20));
    }

    @Test
    void theWorkersScaleWithinWhatTheirPartitionsAllow() {
        HorizontalPodAutoscaler hpa = ofKind(objects, HorizontalPodAutoscaler.class).getFirst();

        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("llm-worker");
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isPositive();
    }

    /** The ServiceMonitors find every service's metrics port, and config-service's with its token from a Secret. */
    @Test
    @SuppressWarnings("unchecked")
    void theServiceMonitorsScrapeEveryService() {
        List<Service> services = ofKind(objects, Service.class);
        assertThat(services).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
        List<GenericKubernetesResource> monitors = custom(objects, "ServiceMonitor");
        for (Service service : services) {
            Map<String, String> labels = service.getMetadata().getLabels();
            GenericKubernetesResource monitor = monitors.stream().filter(m -> selects(m, labels)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ServiceMonitor selects " + labels));
            Map<String, Object> endpoint = ((List<Map<String, Object>>) monitor.get("spec", "endpoints")).getFirst();
            assertThat(endpoint).containsEntry("path", "/actuator/prometheus");
            assertThat(service.getSpec().getPorts()).anyMatch(p -> p.getName().equals(endpoint.get("port")));
            assertThat((String) monitor.get("spec", "jobLabel")).isEqualTo("app.kubernetes.io/name");
            assertThat(labels).containsEntry("app.kubernetes.io/name", service.getMetadata().getName());
            if (service.getMetadata().getName().equals("config-service")) {
                Map<String, Object> credentials = (Map<String, Object>) ((Map<String, Object>) endpoint.get("authorization"))
                        .get("credentials");
                assertThat(SECRETS.get((String) credentials.get("name"))).contains((String) credentials.get("key"));
            }
        }
    }

    @Test
    void theServiceAccountsAreTheOnesThePodsRunAs() {
        Set<String> accounts = Set.copyOf(ofKind(objects, ServiceAccount.class).stream()
                .map(a -> a.getMetadata().getName()).toList());
        ofKind(objects, Deployment.class).stream().map(d -> d.getSpec().getTemplate().getSpec().getServiceAccountName())
                .filter(Objects::nonNull).forEach(account -> assertThat(accounts).contains(account));
    }

    /** The examples are read the same way: the KEDA scaler scales the workers on their own group's lag. */
    @Test
    @SuppressWarnings("unchecked")
    void theExamplesAreValidAndPointAtTheWorkers() throws IOException {
        List<HasMetadata> keda = KubernetesManifests.read(DIR.resolve("examples/keda-scaledobject.yaml"));
        GenericKubernetesResource scaled = custom(keda, "ScaledObject").getFirst();
        assertThat((String) scaled.get("spec", "scaleTargetRef", "name")).isEqualTo("llm-worker");
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) scaled.get("spec", "triggers");
        assertThat(triggers).extracting(t -> t.get("type")).contains("kafka", "prometheus");
        Map<String, Object> kafka = triggers.stream().filter(t -> t.get("type").equals("kafka")).findFirst().orElseThrow();
        assertThat((Map<String, Object>) kafka.get("metadata")).containsEntry("consumerGroup", "byok-llm-worker");
        String auth = (String) ((Map<String, Object>) kafka.get("authenticationRef")).get("name");
        GenericKubernetesResource triggerAuth = custom(keda, "TriggerAuthentication").getFirst();
        assertThat(triggerAuth.getMetadata().getName()).isEqualTo(auth);
        for (Map<String, Object> ref : (List<Map<String, Object>>) triggerAuth.get("spec", "secretTargetRef")) {
            assertThat(SECRETS.get((String) ref.get("name"))).contains((String) ref.get("key"));
        }
        try (Stream<Path> files = Files.walk(DIR.resolve("examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")
                    && !f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                assertThat(KubernetesManifests.read(file)).as(file.toString()).isNotEmpty();
            }
        }
    }

    private static boolean selects(GenericKubernetesResource monitor, Map<String, String> labels) {
        Map<String, Object> selector = monitor.get("spec", "selector");
        @SuppressWarnings("unchecked")
        Map<String, String> match = (Map<String, String>) selector.getOrDefault("matchLabels", Map.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> expressions = (List<Map<String, Object>>) selector.getOrDefault("matchExpressions", List.of());
        return labels.entrySet().containsAll(match.entrySet()) && expressions.stream().allMatch(e ->
                "In".equals(e.get("operator")) && ((List<?>) e.get("values")).contains(labels.get((String) e.get("key"))));
    }

    private static void assertProbe(String service, Probe probe, String path, Set<String> ports) {
        assertThat(probe).as(service + " probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(service).isEqualTo(path);
        assertThat(ports).as(service).contains(probe.getHttpGet().getPort().getStrVal());
    }

    private static Deployment deployment(String name) {
        return ofKind(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name))
                .findFirst().orElseThrow();
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not set " + name));
    }
}
