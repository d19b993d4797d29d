package dev.byok.provider;

import static dev.byok.provider.SlotRulesTest.custom;
import static dev.byok.provider.SlotRulesTest.slot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Json;
import dev.byok.model.OpenRouterPins;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.provider.internal.WireFormats;
import dev.byok.provider.internal.rules.WirePlan;
import dev.byok.provider.internal.rules.WirePlanner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the rules put on the wire for configurations beyond the 40 recorded cases: the same rules
 * (README "rules, not one-offs") applied to other models and options. Pure: no HTTP.
 */
class WireBodiesTest {

    @Test
    void novitaGetsExactlyWhatOpenaiCompatibleGets() {
        Map<String, Object> options = Map.of("thinking", Map.of("type", "disabled"), "reasoningEffort", "low",
                "chat_template_kwargs", Map.of("enable_thinking", false));
        SlotSettings novita = custom(ProviderId.NOVITA, "zai-org/glm-5", options);
        SlotSettings compatible = custom(ProviderId.OPENAI_COMPATIBLE, "zai-org/glm-5", options);

        assertThat(body(novita)).isEqualTo(body(compatible));
        assertThat(body(novita).path("reasoning_effort").asString()).isEqualTo("low");
        assertThat(body(novita).path("chat_template_kwargs").path("enable_thinking").asBoolean()).isFalse();
        assertThat(body(slot(ProviderId.NOVITA, "m", null, null, ThinkingLevel.LOW, null, null)).path("thinking"))
                .isEqualTo(body(slot(ProviderId.OPENAI_COMPATIBLE, "m", null, null, ThinkingLevel.LOW, null, null))
                        .path("thinking"));
    }

    @Test
    void openRouterPinsMergeWithTheCustomProviderBlockWhichWinsPerKey() {
        SlotSettings slot = slot(ProviderId.OPEN_ROUTER, "moonshotai/kimi-k2.5", null, null, ThinkingLevel.CUSTOM,
                Map.of("openrouter", Map.of("provider", Map.of("allow_fallbacks", true, "sort", "price")),
                        "openaiCompatible", Map.of("x", 1)),
                new OpenRouterPins(List.of("moonshot", " "), false));

        JsonNode provider = body(slot).path("provider");

        assertThat(provider).isEqualTo(json("{\"order\":[\"moonshot\"],\"allow_fallbacks\":true,\"sort\":\"price\"}"));
        assertThat(body(slot).has("openaiCompatible")).isFalse();
    }

    @Test
    void openRouterTopLevelRoutingKeysJoinThePinnedProviderBlock() {
        SlotSettings slot = slot(ProviderId.OPEN_ROUTER, "m", null, null, ThinkingLevel.CUSTOM,
                Map.of("only", List.of("together"), "reasoning", Map.of("effort", "low")),
                new OpenRouterPins(List.of("moonshot"), null));

        assertThat(body(slot).path("provider")).isEqualTo(json("{\"order\":[\"moonshot\"],\"only\":[\"together\"]}"));
        assertThat(body(slot).has("only")).isFalse();
    }

    @Test
    void olderClaudeModelsTakePresetsAsABudgetThatRaisesMaxTokens() {
        JsonNode body = body(slot(ProviderId.ANTHROPIC, "claude-sonnet-4-5-20250929", 0.3, null, ThinkingLevel.HIGH,
                null, null));

        assertThat(body.path("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":16000}"));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(32000);
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.has("output_config")).isFalse();
    }

    @Test
    void theDefaultAnthropicCapFitsOlderModelsLimits() {
        assertThat(body(slot(ProviderId.ANTHROPIC, "claude-3-5-haiku-latest", null, null, ThinkingLevel.OFF, null,
                null)).path("max_tokens").asInt()).isEqualTo(8192);
    }

    @Test
    void anthropicEffortAndOutputConfigMergeAndBetaFlagsBecomeAHeader() {
        SlotSettings slot = custom(ProviderId.ANTHROPIC, "claude-sonnet-4-6", Map.of("effort", "low",
                "outputConfig", Map.of("taskBudget", Map.of("total", 5)), "anthropicBeta", List.of("a-1", "b-2"),
                "metadata", Map.of("userId", "u1")));

        assertThat(body(slot).path("output_config"))
                .isEqualTo(json("{\"effort\":\"low\",\"task_budget\":{\"total\":5}}"));
        assertThat(body(slot).path("metadata")).isEqualTo(json("{\"user_id\":\"u1\"}"));
        assertThat(WirePlanner.plan(slot).headers()).containsEntry("anthropic-beta", "a-1,b-2");
    }

    @Test
    void gemini25TakesPresetsAsABudgetAndGemini3ProLacksMedium() {
        assertThat(body(slot(ProviderId.GOOGLE_GEMINI, "gemini-2.5-flash", null, null, ThinkingLevel.MEDIUM, null,
                null)).path("generationConfig")).isEqualTo(json("{\"thinkingConfig\":{\"thinkingBudget\":8000}}"));
        SlotSettings pro = slot(ProviderId.GOOGLE_GEMINI, "gemini-3-pro-preview", null, null, ThinkingLevel.MEDIUM,
                null, null);
        assertThat(body(pro).path("generationConfig").path("thinkingConfig").path("thinkingLevel").asString())
                .isEqualTo("high");
        assertThat(SlotRules.check(pro).warnings()).containsExactly(
                "gemini-3-pro-preview does not support thinking level 'medium'; 'high' is sent");
    }

    @Test
    void geminiOptionsGoWhereGeminiReadsThem() {
        JsonNode body = body(custom(ProviderId.GOOGLE_GEMINI, "gemini-3.1-pro-preview", Map.of(
                "safetySettings", List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_NONE")),
                "thinkingConfig", Map.of("includeThoughts", false, "bogus", 1))));

        assertThat(body.path("safetySettings").isArray()).isTrue();
        assertThat(body.path("generationConfig")).isEqualTo(json("{\"thinkingConfig\":{\"includeThoughts\":false}}"));
    }

    @Test
    void nonReasoningOpenAiModelsKeepTemperatureAndTheSystemRole() {
        JsonNode body = body(slot(ProviderId.OPENAI, "gpt-4.1", 0.2, 500, ThinkingLevel.OFF, null, null));

        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("input").path(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("max_output_tokens").asInt()).isEqualTo(500);
    }

    @Test
    void openAiOptionsMapToResponsesFieldsAndSystemMessageModeApplies() {
        JsonNode body = body(custom(ProviderId.OPENAI, "gpt-5.4", Map.of("reasoningEffort", "high",
                "reasoningSummary", "auto", "textVerbosity", "low", "systemMessageMode", "system")));

        assertThat(body.path("reasoning")).isEqualTo(json("{\"effort\":\"high\",\"summary\":\"auto\"}"));
        assertThat(body.path("text")).isEqualTo(json("{\"verbosity\":\"low\"}"));
        assertThat(body.path("input").path(0).path("role").asString()).isEqualTo("system");
        assertThat(body.has("systemMessageMode")).isFalse();
    }

    private static JsonNode body(SlotSettings settings) {
        WirePlan plan = WirePlanner.plan(settings);
        assertThat(plan.errors()).isEmpty();
        return WireFormats.of(settings.provider()).body(settings, plan, AbstractProviderContractTest.MESSAGES);
    }

    private static JsonNode json(String text) {
        return Json.lenient().readTree(text);
    }
}
