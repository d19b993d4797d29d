package dev.byok.provider.internal.rules;

import tools.jackson.databind.node.ObjectNode;

/**
 * The SDK's OpenAI chat-completions rules for reasoning options (Azure's chat API): a reasoning
 * model takes {@code reasoning_effort} and its output cap as {@code max_completion_tokens}; a model
 * that does not reason gets neither effort field, with the SDK's warning. Pure.
 */
final class ChatReasoningRules {

    private ChatReasoningRules() {
    }

    static void apply(ObjectNode extras, boolean reasoningModel, Findings findings) {
        if (!reasoningModel && extras.has("reasoning_effort")) {
            extras.remove("reasoning_effort");
            findings.warn("reasoningEffort is not supported for non-reasoning models");
        }
    }
}
