package dev.byok.provider.internal.rules;

/** How a model takes a thinking preset (off/low/medium/high); see {@link Presets}. */
public enum ThinkingStyle {
    /** {@code thinking:{type:adaptive}} plus {@code output_config.effort} (Claude 4.6 and newer). */
    ANTHROPIC_ADAPTIVE,
    /** {@code thinking:{type:enabled, budget_tokens}} (Claude models before 4.6). */
    ANTHROPIC_BUDGET,
    /** {@code generationConfig.thinkingConfig.thinkingLevel} (Gemini 3 and newer). */
    GEMINI_LEVEL,
    /** {@code generationConfig.thinkingConfig.thinkingBudget} (Gemini 2.5). */
    GEMINI_BUDGET,
    /** {@code reasoning.effort} on the Responses API (OpenAI reasoning models). */
    OPENAI_EFFORT,
    /** {@code reasoning.effort} on OpenRouter, which translates it per upstream model. */
    OPENROUTER_EFFORT,
    /** {@code thinking:{type:enabled}}: on or off, the level is not sent (GLM, Kimi, Novita). */
    BINARY_TOGGLE,
    /** Bedrock Claude 4.6+: {@code reasoningConfig: {type: adaptive, maxReasoningEffort}} (see {@code BedrockReasoning}). */
    BEDROCK_ADAPTIVE,
    /** Bedrock Claude before 4.6: {@code reasoningConfig: {type: enabled, budgetTokens}}. */
    BEDROCK_BUDGET,
    /** The model has no thinking control; presets send nothing. */
    NONE
}
