package dev.byok.localstack;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.byok.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The JSON Schemas of the public topics' records, as committed in {@code docs/schemas}, and the
 * check of a record against one (draft 2020-12, with {@code format} asserted, so a date-time must
 * be one).
 */
public final class Schemas {

    public static final String REVIEW_REQUESTED = "review-requested";
    public static final String REVIEW_OUTCOME = "review-outcome";
    public static final String DEAD_LETTER_HEADERS = "dead-letter-headers";
    public static final String ORG_CONFIG_CHANGED = "org-config-changed";
    public static final String AUDIT_RECORD = "audit-record";
    public static final String BUDGET_ALERT = "budget-alert";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    public static Path file(String name) {
        return RepoLayout.root().resolve("docs").resolve("schemas").resolve(name + ".schema.json");
    }

    /** What is wrong with {@code instance} under the schema {@code name}; empty when it follows it. */
    public static List<String> violations(String name, JsonNode instance) {
        List<Error> errors = schema(name).validate(instance,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    /** The same for raw bytes; bytes that are not JSON violate every schema. */
    public static List<String> violations(String name, byte[] json) {
        JsonNode instance;
        try {
            instance = Json.lenient().readTree(json);
        } catch (RuntimeException notJson) {
            return List.of("not JSON: " + notJson.getClass().getSimpleName());
        }
        return violations(name, instance == null ? NullNode.getInstance() : instance);
    }

    private static Schema schema(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try (InputStream in = Files.newInputStream(file(n))) {
                return REGISTRY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
