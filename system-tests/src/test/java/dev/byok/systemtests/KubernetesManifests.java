package dev.byok.systemtests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Kubernetes manifests the way the API server would: each object into fabric8's typed model
 * of its apiVersion and kind, and a field the model does not know (a typo such as {@code livenesProbe},
 * a field at the wrong level) is an error naming where it is. fabric8 keeps unknown fields in each
 * object's {@code additionalProperties} instead of failing, so every object of the tree is walked and
 * those maps must be empty. Kinds of custom resources (ServiceMonitor, KEDA) have no typed model:
 * they are read generically and their fields checked by the tests.
 */
final class KubernetesManifests {

    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    /** Custom resources this repository ships, read generically. */
    private static final Set<String> CUSTOM = Set.of("monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule", "keda.sh/v1alpha1/ScaledObject",
            "keda.sh/v1alpha1/TriggerAuthentication");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private KubernetesManifests() {
    }

    /** Every object of every YAML document in the file, typed where Kubernetes has a model for it. */
    static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": a document that is not an object");
            }
            String type = map.get("apiVersion") + "/" + map.get("kind");
            Class<? extends HasMetadata> model = TYPED.get(type);
            String where = file.getFileName() + " " + type + " " + ((Map<?, ?>) map.get("metadata")).get("name");
            if (model != null) {
                HasMetadata object = MAPPER.convertValue(map, model);
                List<String> unknown = new ArrayList<>();
                unknownFields(object, where, unknown, new IdentityHashMap<>());
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("fields Kubernetes does not know: " + unknown);
                }
                objects.add(object);
            } else if (CUSTOM.contains(type)) {
                objects.add(MAPPER.convertValue(map, GenericKubernetesResource.class));
            } else {
                throw new IllegalArgumentException(where + ": a kind this test does not know how to check");
            }
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> ofKind(Collection<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static List<GenericKubernetesResource> custom(Collection<HasMetadata> objects, String kind) {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> unknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(field, path + "." + property(getter), unknown, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // a derived getter that does not apply to this object (e.g. Quantity's amount arithmetic)
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
