package dev.byok.provider.internal.rules;

import static dev.byok.provider.internal.rules.Vocabulary.snaked;
import static dev.byok.provider.internal.rules.Vocabulary.to;

import java.util.Map;
import java.util.Set;

/** The five customOptions namespaces of the BYOK doc and their wire mappings (providers.md §10). */
final class Vocabularies {

    static final Vocabulary ANTHROPIC = new Vocabulary("Anthropic", Map.ofEntries(
            Map.entry("thinking", snaked("thinking")),
            Map.entry("effort", to("output_config.effort")),
            Map.entry("outputConfig", snaked("output_config")),
            Map.entry("taskBudget", to("output_config.task_budget")),
            Map.entry("cacheControl", to("cache_control")),
            Map.entry("metadata", snaked("metadata")),
            Map.entry("anthropicBeta", to("header:anthropic-beta")),
            Map.entry("speed", to("speed")),
            Map.entry("inferenceGeo", to("inference_geo")),
            Map.entry("contextManagement", snaked("context_management")),
            Map.entry("mcpServers", snaked("mcp_servers")),
            Map.entry("container", snaked("container"))),
            Set.of("sendReasoning", "structuredOutputs", "toolStreaming", "disableParallelToolUse"), false);

    /** The Responses API mapping: {@code openai(id)} in the SDK is the Responses API. */
    static final Vocabulary OPENAI = new Vocabulary("OpenAI", Map.ofEntries(
            Map.entry("reasoningEffort", to("reasoning.effort")),
            Map.entry("reasoningSummary", to("reasoning.summary")),
            Map.entry("textVerbosity", to("text.verbosity")),
            Map.entry("serviceTier", to("service_tier")),
            Map.entry("store", to("store")),
            Map.entry("user", to("user")),
            Map.entry("metadata", to("metadata")),
            Map.entry("instructions", to("instructions")),
            Map.entry("previousResponseId", to("previous_response_id")),
            Map.entry("promptCacheKey", to("prompt_cache_key")),
            Map.entry("promptCacheRetention", to("prompt_cache_retention")),
            Map.entry("parallelToolCalls", to("parallel_tool_calls")),
            Map.entry("safetyIdentifier", to("safety_identifier")),
            Map.entry("truncation", to("truncation")),
            Map.entry("maxToolCalls", to("max_tool_calls")),
            Map.entry("include", to("include"))),
            Set.of("systemMessageMode", "strictJsonSchema", "forceReasoning"), false);

    static final Vocabulary GOOGLE = new Vocabulary("Google", Map.of(
            "thinkingConfig", to("generationConfig.thinkingConfig"),
            "responseModalities", to("generationConfig.responseModalities"),
            "mediaResolution", to("generationConfig.mediaResolution"),
            "imageConfig", to("generationConfig.imageConfig"),
            "audioTimestamp", to("generationConfig.audioTimestamp"),
            "safetySettings", to("safetySettings"),
            "cachedContent", to("cachedContent"),
            "labels", to("labels")),
            Set.of("structuredOutputs"), false);

    /** OpenRouter options are request JSON already; only the SDK's cacheControl is renamed. */
    static final Vocabulary OPENROUTER = new Vocabulary("OpenRouter", Map.of(
            "cacheControl", to("cache_control")), Set.of(), true);

    /** The SDK's own openaiCompatible options are renamed; every other key is request JSON (thinking, ...). */
    static final Vocabulary OPENAI_COMPATIBLE = new Vocabulary("OpenAI-compatible", Map.of(
            "reasoningEffort", to("reasoning_effort"),
            "textVerbosity", to("verbosity")),
            Set.of("strictJsonSchema"), true);

    /** Azure's chat completions: the SDK's OpenAI chat options (the namespace is {@code azure}). */
    static final Vocabulary AZURE_CHAT = new Vocabulary("Azure OpenAI chat", Map.of(
            "reasoningEffort", to("reasoning_effort"),
            "serviceTier", to("service_tier"),
            "store", to("store"),
            "user", to("user"),
            "metadata", to("metadata"),
            "parallelToolCalls", to("parallel_tool_calls"),
            "textVerbosity", to("verbosity"),
            "promptCacheKey", to("prompt_cache_key"),
            "safetyIdentifier", to("safety_identifier"),
            "maxCompletionTokens", to("max_completion_tokens")),
            Set.of("systemMessageMode", "strictJsonSchema", "forceReasoning"), false);

    /**
     * Bedrock's Converse options: {@code reasoningConfig} is rewritten by {@link BedrockReasoning}
     * into the model's own fields; {@code additionalModelRequestFields} is the model's request JSON.
     */
    static final Vocabulary BEDROCK = new Vocabulary("Bedrock", Map.of(
            "reasoningConfig", to(BedrockReasoning.PENDING),
            "additionalModelRequestFields", to("additionalModelRequestFields"),
            "guardrailConfig", to("guardrailConfig"),
            "performanceConfig", to("performanceConfig"),
            "serviceTier", to("serviceTier")),
            Set.of(), false);

    private Vocabularies() {
    }

    static Vocabulary forName(String name) {
        return switch (name) {
            case "azureChat" -> AZURE_CHAT;
            case "bedrock" -> BEDROCK;
            default -> forNamespace(name);
        };
    }

    static Vocabulary forNamespace(String namespace) {
        return switch (namespace) {
            case "anthropic" -> ANTHROPIC;
            case "openai" -> OPENAI;
            case "google" -> GOOGLE;
            case "openrouter" -> OPENROUTER;
            case "openaiCompatible" -> OPENAI_COMPATIBLE;
            default -> throw new IllegalArgumentException("unknown namespace " + namespace);
        };
    }
}
