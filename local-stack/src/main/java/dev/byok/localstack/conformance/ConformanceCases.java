package dev.byok.localstack.conformance;

import dev.byok.localstack.RepoLayout;
import dev.byok.model.ChatMessage;
import dev.byok.model.CloudSettings;
import dev.byok.model.Json;
import dev.byok.model.MessageRole;
import dev.byok.model.OpenRouterPins;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The wire conformance cases, test data of this repository ({@code conformance/cases} under its
 * root; {@code conformance/README.md} says where they come from), or the folder named by the system
 * property {@code conformance.cases}.
 */
public final class ConformanceCases {

    private ConformanceCases() {
    }

    public static Path directory() {
        String configured = System.getProperty("conformance.cases");
        if (configured != null) {
            return Path.of(configured);
        }
        Path cases = RepoLayout.root().resolve("conformance").resolve("cases");
        if (!Files.isDirectory(cases)) {
            throw new IllegalStateException(cases + " is missing; set -Dconformance.cases=<dir>");
        }
        return cases;
    }

    public static List<JsonNode> all() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(p -> Json.lenient().readTree(read(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case's slot as the worker would hold it, its calls going to {@code effectiveBaseUrl}. */
    @SuppressWarnings("unchecked")
    public static SlotSettings settings(JsonNode testCase, String effectiveBaseUrl) {
        JsonNode slot = testCase.path("slot");
        JsonNode pins = slot.path("openRouter");
        return new SlotSettings(ProviderId.fromWire(slot.path("provider").asString()), slot.path("model").asString(),
                text(slot, "baseUrl"), text(slot, "plan"),
                slot.path("temperature").isNumber() ? slot.path("temperature").asDouble() : null,
                slot.path("maxTokens").isNumber() ? slot.path("maxTokens").asInt() : null,
                ThinkingLevel.fromWire(slot.path("thinking").asString("off")),
                slot.path("customOptions").isObject()
                        ? Json.lenient().convertValue(slot.path("customOptions"), Map.class) : null,
                null,
                pins.isObject() ? Json.lenient().convertValue(pins, OpenRouterPins.class) : null,
                effectiveBaseUrl, cloud(testCase));
    }

    /** The case's cloud settings (Azure, Vertex, Bedrock), or null. */
    public static CloudSettings cloud(JsonNode testCase) {
        JsonNode cloud = testCase.path("slot").path("cloud");
        return cloud.isObject() ? Json.lenient().convertValue(cloud, CloudSettings.class) : null;
    }

    public static List<ChatMessage> messages(JsonNode testCase) {
        List<ChatMessage> messages = new ArrayList<>();
        testCase.path("messages").forEach(m -> messages.add(new ChatMessage(
                MessageRole.fromWire(m.path("role").asString()), m.path("content").asString())));
        return messages;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
