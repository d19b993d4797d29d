package dev.byok.provider.internal.rules;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bedrock's {@code reasoningConfig} option in the fields the model reads, as the SDK writes them
 * for Anthropic models (recorded cases {@code bedrock-*}): {@code type: enabled} with
 * {@code budgetTokens} becomes {@code additionalModelRequestFields.thinking = {type: enabled,
 * budget_tokens}} (the budget then raises the output cap, as on Anthropic's own API);
 * {@code type: adaptive} becomes {@code thinking: {type: adaptive}}; {@code maxReasoningEffort}
 * becomes {@code output_config.effort}. Models that are not Claude take no thinking block: the
 * option is dropped with a warning. Pure.
 */
final class BedrockReasoning {

    /** Where the translator parks {@code reasoningConfig} until this class rewrites it. */
    static final String PENDING = "__reasoningConfig";

    private BedrockReasoning() {
    }

    static void apply(ObjectNode extras, ModelCapability capability, String field, Findings findings) {
        JsonNode config = extras.remove(PENDING);
        if (config == null) {
            return;
        }
        if (!(config instanceof ObjectNode reasoning)) {
            findings.error(field + ".reasoningConfig", "must be an object with type, budgetTokens or maxReasoningEffort");
            return;
        }
        boolean claude = capability.thinking() == ThinkingStyle.BEDROCK_ADAPTIVE
                || capability.thinking() == ThinkingStyle.BEDROCK_BUDGET;
        if (!claude) {
            findings.warn(field + ".reasoningConfig only applies to Anthropic models on Bedrock and is ignored");
            return;
        }
        ObjectNode fields = extras.has("additionalModelRequestFields")
                && extras.get("additionalModelRequestFields") instanceof ObjectNode existing
                ? existing : extras.putObject("additionalModelRequestFields");
        String type = reasoning.path("type").asString("");
        if ("enabled".equals(type) || "adaptive".equals(type)) {
            ObjectNode thinking = fields.putObject("thinking").put("type", type);
            if ("enabled".equals(type) && reasoning.path("budgetTokens").canConvertToInt()) {
                thinking.put("budget_tokens", reasoning.path("budgetTokens").asInt());
            }
        } else if (!type.isEmpty() && !"disabled".equals(type)) {
            findings.error(field + ".reasoningConfig.type", "must be 'enabled', 'adaptive' or 'disabled'");
        }
        if (reasoning.hasNonNull("maxReasoningEffort")) {
            fields.putObject("output_config").put("effort", reasoning.path("maxReasoningEffort").asString(""));
        }
    }
}
