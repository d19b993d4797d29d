package dev.byok.provider.internal.rules;

import dev.byok.model.SlotSettings;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the capability table to temperature and the output cap, after the thinking options are
 * known in wire terms (the rules read the wire fragment, so a preset and the same custom options
 * are treated alike).
 */
final class SamplingRules {

    /** The SDK's default when Anthropic thinking is enabled without a budget. */
    static final int DEFAULT_THINKING_BUDGET = 1024;
    private static final Set<String> THINKING_ON = Set.of("enabled", "adaptive");

    record Sampling(Double temperature, Integer maxTokens) {
    }

    private SamplingRules() {
    }

    /** @param extras the translated wire fragment; a missing Anthropic budget is filled in here */
    static Sampling apply(SlotSettings settings, ProviderWire wire, ModelCapability capability, ObjectNode extras,
            Findings findings) {
        return new Sampling(temperature(settings, wire, capability, extras, findings),
                maxTokens(settings, wire, capability, extras, findings));
    }

    private static Double temperature(SlotSettings settings, ProviderWire wire, ModelCapability capability,
            ObjectNode extras, Findings findings) {
        Double temperature = settings.temperature();
        if (temperature == null) {
            return null;
        }
        if (capability.temperature() != TemperatureRule.KEEP) {
            findings.warn(capability.temperature().warningFor(settings.model()));
            return null;
        }
        if (wire.thinkingDropsTemperature()
                && THINKING_ON.contains(JsonTrees.at(extras, wire.thinkingPath()).path("type").asString(""))) {
            findings.warn("temperature is not supported when thinking is enabled");
            return null;
        }
        if (wire.maxTemperature() != null && temperature > wire.maxTemperature()) {
            findings.error("temperature", "must be at most " + wire.maxTemperature() + " for "
                    + settings.provider().wire());
        }
        return temperature;
    }

    private static Integer maxTokens(SlotSettings settings, ProviderWire wire, ModelCapability capability,
            ObjectNode extras, Findings findings) {
        Integer maxTokens = settings.maxTokens();
        if (maxTokens == null && wire.defaultMaxTokens() != null) {
            maxTokens = capability.maxOutputTokens() == null ? wire.defaultMaxTokens()
                    : Math.min(wire.defaultMaxTokens(), capability.maxOutputTokens());
            findings.warn("maxTokens is not set; " + settings.provider().wire() + " requires " + wire.maxTokensPath()
                    + ", so " + maxTokens + " is sent");
        }
        if (!wire.budgetRaisesMaxTokens() || !(JsonTrees.at(extras, wire.thinkingPath()) instanceof ObjectNode thinking)
                || !"enabled".equals(thinking.path("type").asString(""))) {
            return maxTokens;
        }
        JsonNode budgetNode = thinking.get("budget_tokens");
        int budget;
        if (budgetNode != null && budgetNode.canConvertToInt()) {
            budget = budgetNode.asInt();
        } else {
            budget = DEFAULT_THINKING_BUDGET;
            thinking.put("budget_tokens", budget);
            findings.warn("thinking budget is required when thinking is enabled. using default budget of "
                    + budget + " tokens.");
        }
        if (capability.refusesBudget()) {
            findings.warn(settings.model() + " is documented to accept only adaptive thinking; Anthropic may refuse "
                    + "thinking type 'enabled' with a budget (a preset sends adaptive thinking)");
        }
        int raised = Math.addExact(maxTokens, budget);
        findings.warn(wire.maxTokensPath() + " is maxTokens plus the thinking budget (" + maxTokens + " + " + budget
                + " = " + raised + "), because thinking tokens count toward it");
        return raised;
    }
}
