package dev.byok.provider.internal.rules;

import dev.byok.model.ThinkingLevel;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The thinking presets of the BYOK doc, written in the same customOptions vocabulary a user would
 * write (so presets and custom options go through one translation to the wire). {@code off} sends
 * nothing at all: the provider's default applies, as the conformance cases record.
 */
final class Presets {

    /** Token budgets for budget-style models; high plus the default cap fits every model's limit. */
    static final Map<ThinkingLevel, Integer> BUDGETS = Map.of(
            ThinkingLevel.LOW, 4000, ThinkingLevel.MEDIUM, 8000, ThinkingLevel.HIGH, 16000);

    private static final List<String> LEVEL_ORDER = List.of("minimal", "low", "medium", "high");

    private Presets() {
    }

    /** The namespace block for {@code level} (low, medium or high) on a model with {@code capability}. */
    static ObjectNode block(ModelCapability capability, ThinkingLevel level, String model, Findings findings) {
        ObjectNode block = JsonTrees.object();
        String effort = level.wire();
        switch (capability.thinking()) {
            case ANTHROPIC_ADAPTIVE -> {
                block.putObject("thinking").put("type", "adaptive");
                block.put("effort", effort);
            }
            case ANTHROPIC_BUDGET -> block.putObject("thinking").put("type", "enabled")
                    .put("budgetTokens", BUDGETS.get(level));
            case GEMINI_LEVEL -> block.putObject("thinkingConfig")
                    .put("thinkingLevel", supportedLevel(capability, effort, model, findings));
            case GEMINI_BUDGET -> block.putObject("thinkingConfig").put("thinkingBudget", BUDGETS.get(level));
            case OPENAI_EFFORT -> block.put("reasoningEffort", effort);
            case OPENROUTER_EFFORT -> block.putObject("reasoning").put("effort", effort);
            case BINARY_TOGGLE -> {
                findings.warn("thinking '" + effort + "' turns thinking on for " + model
                        + "; this provider has no thinking levels, so the level itself is not sent");
                block.putObject("thinking").put("type", "enabled");
            }
            case BEDROCK_ADAPTIVE -> block.putObject("reasoningConfig").put("type", "adaptive")
                    .put("maxReasoningEffort", effort);
            case BEDROCK_BUDGET -> block.putObject("reasoningConfig").put("type", "enabled")
                    .put("budgetTokens", BUDGETS.get(level));
            case NONE -> findings.warn(model + " has no thinking control; thinking '" + effort + "' is ignored");
        }
        return block;
    }

    private static String supportedLevel(ModelCapability capability, String wanted, String model, Findings findings) {
        if (capability.levels().isEmpty() || capability.levels().contains(wanted)) {
            return wanted;
        }
        for (String level : LEVEL_ORDER.subList(LEVEL_ORDER.indexOf(wanted), LEVEL_ORDER.size())) {
            if (capability.levels().contains(level)) {
                findings.warn(model + " does not support thinking level '" + wanted + "'; '" + level + "' is sent");
                return level;
            }
        }
        String highest = capability.levels().getLast();
        findings.warn(model + " does not support thinking level '" + wanted + "'; '" + highest + "' is sent");
        return highest;
    }
}
