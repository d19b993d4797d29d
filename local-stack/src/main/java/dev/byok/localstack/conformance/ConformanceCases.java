package dev.byok.localstack.conformance;

import dev.byok.model.ChatMessage;
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
 * The shared wire conformance cases ({@code shared/conformance/cases} beside the repository), found
 * from the system property {@code conformance.cases} or by walking up from the working directory.
 */
public final class ConformanceCases {

    private ConformanceCases() {
    }

    public static Path directory() {
        String configured = System.getProperty("conformance.cases");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/conformance/cases not found above " + System.getProperty("user.dir")
                + "; set -Dconformance.cases=<dir>");
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
                effectiveBaseUrl);
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
