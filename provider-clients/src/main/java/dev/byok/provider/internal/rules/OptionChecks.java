package dev.byok.provider.internal.rules;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks on a namespace block before translation, for values that would make every call fail:
 * an Anthropic thinking type or budget the API refuses, Gemini thinkingConfig fields the API does
 * not know, or pass-through JSON that would overwrite the request's own model or messages.
 */
final class OptionChecks {

    private static final Set<String> THINKING_TYPES = Set.of("enabled", "adaptive", "disabled");
    private static final Set<String> GEMINI_THINKING_FIELDS = Set.of("thinkingBudget", "thinkingLevel",
            "includeThoughts");
    private static final List<String> RESERVED = List.of("model", "messages", "stream");
    private static final int MIN_BUDGET = 1024;

    private OptionChecks() {
    }

    /** A copy of {@code block} with fields the wire would refuse removed; errors for what cannot be fixed. */
    static ObjectNode check(String namespace, ObjectNode block, String field, Findings findings) {
        ObjectNode checked = block.deepCopy();
        switch (namespace) {
            case "anthropic" -> anthropicThinking(checked.get("thinking"), field + ".thinking", findings);
            case "google" -> geminiThinking(checked.get("thinkingConfig"), field + ".thinkingConfig", findings);
            case "openrouter", "openaiCompatible" -> RESERVED.stream().filter(checked::has).forEach(key -> findings
                    .error(field + "." + key, "cannot be set in customOptions; it is part of every request"));
            default -> {
            }
        }
        return checked;
    }

    private static void anthropicThinking(JsonNode thinking, String field, Findings findings) {
        if (thinking == null) {
            return;
        }
        if (!thinking.isObject() || !THINKING_TYPES.contains(thinking.path("type").asString(""))) {
            findings.error(field, "must be an object whose type is 'enabled', 'adaptive' or 'disabled'");
            return;
        }
        JsonNode budget = thinking.get("budgetTokens");
        if (budget != null && (!budget.isNumber() || !budget.canConvertToExactIntegral()
                || budget.asLong() < MIN_BUDGET || budget.asLong() > Integer.MAX_VALUE)) {
            findings.error(field + ".budgetTokens", "must be a whole number of at least " + MIN_BUDGET);
        }
    }

    private static void geminiThinking(JsonNode config, String field, Findings findings) {
        if (config == null) {
            return;
        }
        if (!(config instanceof ObjectNode object)) {
            findings.error(field, "must be an object with thinkingBudget, thinkingLevel or includeThoughts");
            return;
        }
        for (String name : List.copyOf(object.propertyNames())) {
            if (!GEMINI_THINKING_FIELDS.contains(name)) {
                object.remove(name);
                findings.warn(field + "." + name + " is not a Gemini thinking option and is ignored");
            }
        }
        if (object.has("thinkingBudget") && object.has("thinkingLevel")) {
            findings.warn(field + " sets both thinkingBudget and thinkingLevel; Gemini is reported to reject "
                    + "requests with both, so set only one");
        }
    }
}
