package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.BaseUrls;
import dev.byok.model.OpenRouterPins;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The save-time verdicts of the provider rules (conformance README rules 3 and 4, capability rules). */
class SlotRulesTest {

    @Test
    void knownNamespacesWithoutTheSlotsOwnAreRefusedNamingTheNamespaceItNeeds() {
        SlotCheck check = SlotRules.check(custom(ProviderId.ANTHROPIC, "claude-sonnet-4-6",
                Map.of("openai", Map.of("reasoningEffort", "high"))));

        assertThat(check.accepted()).isFalse();
        assertThat(check.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("customOptions");
            assertThat(e.message()).contains("'anthropic'").contains("'openai'");
        });
    }

    @Test
    void novitaAndCompatibleSlotsNeedTheOpenaiCompatibleNamespace() {
        for (ProviderId provider : List.of(ProviderId.NOVITA, ProviderId.OPENAI_COMPATIBLE)) {
            SlotCheck check = SlotRules.check(custom(provider, "glm-5.1",
                    Map.of("openrouter", Map.of("reasoning", Map.of("effort", "high")))));

            assertThat(check.errors()).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("'openaiCompatible'"));
        }
    }

    @Test
    void foreignNamespacesBesideTheSlotsOwnAreIgnoredWithAWarning() {
        SlotCheck check = SlotRules.check(custom(ProviderId.GOOGLE_GEMINI, "gemini-3.1-pro-preview",
                Map.of("google", Map.of("thinkingConfig", Map.of("thinkingLevel", "low")),
                        "anthropic", Map.of("effort", "low"))));

        assertThat(check.accepted()).isTrue();
        assertThat(check.warnings()).anySatisfy(w -> assertThat(w).contains("customOptions.anthropic")
                .contains("ignored"));
    }

    @Test
    void keysOutsideAnyNamespaceBesideNamespacedBlocksAreRefused() {
        SlotCheck check = SlotRules.check(custom(ProviderId.ANTHROPIC, "claude-sonnet-4-6",
                Map.of("anthropic", Map.of("effort", "low"), "thinking", Map.of("type", "adaptive"))));

        assertThat(check.errors()).singleElement().satisfies(e -> assertThat(e.field())
                .isEqualTo("customOptions.thinking"));
    }

    @Test
    void openRouterRoutingKeysAtTheTopLevelAreMovedWithAWarning() {
        SlotCheck check = SlotRules.check(custom(ProviderId.OPEN_ROUTER, "moonshotai/kimi-k2.5",
                Map.of("order", List.of("moonshot"), "data_collection", "deny")));

        assertThat(check.warnings()).contains(
                "customOptions.order is an OpenRouter routing key; it was moved under 'provider'",
                "customOptions.data_collection is an OpenRouter routing key; it was moved under 'provider'");
    }

    @Test
    void passThroughJsonMayNotReplaceTheRequestsOwnFields() {
        SlotCheck check = SlotRules.check(custom(ProviderId.OPENAI_COMPATIBLE, "glm-5.1",
                Map.of("messages", List.of(), "stream", true)));

        assertThat(check.errors()).extracting(RuleError::field)
                .containsExactlyInAnyOrder("customOptions.messages", "customOptions.stream");
    }

    @Test
    void anAnthropicThinkingTypeOrBudgetTheApiRefusesIsRefused() {
        assertThat(SlotRules.check(custom(ProviderId.ANTHROPIC, "claude-sonnet-4-6",
                Map.of("thinking", Map.of("type", "on")))).errors())
                .extracting(RuleError::field).containsExactly("customOptions.thinking");
        assertThat(SlotRules.check(custom(ProviderId.ANTHROPIC, "claude-sonnet-4-6",
                Map.of("thinking", Map.of("type", "enabled", "budgetTokens", 500)))).errors())
                .extracting(RuleError::field).containsExactly("customOptions.thinking.budgetTokens");
    }

    @Test
    void anthropicTemperatureAboveOneIsRefusedUnlessItIsDroppedAnyway() {
        SlotSettings hot = slot(ProviderId.ANTHROPIC, "claude-sonnet-4-6", 1.5, 1000, ThinkingLevel.OFF, null, null);
        SlotSettings hotButThinking = slot(ProviderId.ANTHROPIC, "claude-sonnet-4-6", 1.5, 1000, ThinkingLevel.HIGH,
                null, null);

        assertThat(SlotRules.check(hot).errors()).extracting(RuleError::field).containsExactly("temperature");
        assertThat(SlotRules.check(hotButThinking).accepted()).isTrue();
    }

    @Test
    void aMissingAnthropicBudgetGetsTheSdkDefaultWithTheSdkWarning() {
        SlotCheck check = SlotRules.check(custom(ProviderId.ANTHROPIC, "claude-sonnet-4-6",
                Map.of("thinking", Map.of("type", "enabled"))));

        assertThat(check.warnings()).containsExactly(
                "maxTokens is not set; anthropic requires max_tokens, so 16000 is sent",
                "thinking budget is required when thinking is enabled. using default budget of 1024 tokens.",
                "max_tokens is maxTokens plus the thinking budget (16000 + 1024 = 17024), because thinking tokens "
                        + "count toward it");
    }

    @Test
    void aThinkingBudgetIsAddedToMaxTokensAndTheSaveSaysSo() {
        SlotCheck custom = SlotRules.check(slot(ProviderId.ANTHROPIC, "claude-sonnet-4-6", null, 4000,
                ThinkingLevel.CUSTOM, Map.of("thinking", Map.of("type", "enabled", "budgetTokens", 2000)), null));
        SlotCheck preset = SlotRules.check(slot(ProviderId.ANTHROPIC, "claude-sonnet-4-5", null, 10000,
                ThinkingLevel.LOW, null, null));

        assertThat(custom.warnings()).containsExactly("max_tokens is maxTokens plus the thinking budget "
                + "(4000 + 2000 = 6000), because thinking tokens count toward it");
        assertThat(preset.warnings()).containsExactly("max_tokens is maxTokens plus the thinking budget "
                + "(10000 + 4000 = 14000), because thinking tokens count toward it");
    }

    @Test
    void withoutMaxTokensAnthropicGetsTheDefaultCapWithinTheModelsLimitAndTheSaveSaysWhich() {
        SlotCheck current = SlotRules.check(slot(ProviderId.ANTHROPIC, "claude-sonnet-4-6", null, null,
                ThinkingLevel.OFF, null, null));
        SlotCheck small = SlotRules.check(slot(ProviderId.ANTHROPIC, "claude-3-5-haiku-20241022", null, null,
                ThinkingLevel.OFF, null, null));
        SlotCheck openAi = SlotRules.check(slot(ProviderId.OPENAI, "gpt-4.1", null, null, ThinkingLevel.OFF, null,
                null));

        assertThat(current.warnings()).containsExactly("maxTokens is not set; anthropic requires max_tokens, "
                + "so 16000 is sent");
        assertThat(small.warnings()).containsExactly("maxTokens is not set; anthropic requires max_tokens, "
                + "so 8192 is sent");
        assertThat(openAi.warnings()).as("the field may be omitted elsewhere").isEmpty();
    }

    @Test
    void aManualBudgetOnAnAdaptiveOnlyModelIsSentButWarnedAbout() {
        SlotCheck check = SlotRules.check(custom(ProviderId.ANTHROPIC, "claude-opus-4-7",
                Map.of("thinking", Map.of("type", "enabled", "budgetTokens", 2000))));

        assertThat(check.accepted()).isTrue();
        assertThat(check.warnings()).anySatisfy(w -> assertThat(w).contains("only adaptive thinking"));
    }

    @Test
    void modelsWithoutThinkingControlIgnoreThePresetWithAWarning() {
        SlotCheck check = SlotRules.check(slot(ProviderId.OPENAI, "gpt-4.1", 0.2, null, ThinkingLevel.HIGH, null,
                null));

        assertThat(check.warnings()).containsExactly("gpt-4.1 has no thinking control; thinking 'high' is ignored");
    }

    @Test
    void unknownSdkOptionsAreDroppedWithAWarningThatNamesTheSdkSpelling() {
        SlotCheck check = SlotRules.check(custom(ProviderId.OPENAI, "gpt-5.4", Map.of("reasoning_effort", "low")));

        assertThat(check.warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("customOptions.reasoning_effort").contains("'reasoningEffort'"));
    }

    @Test
    void customOptionsAreRequiredForCustomThinking() {
        assertThat(SlotRules.check(slot(ProviderId.OPENAI, "gpt-5.4", null, null, ThinkingLevel.CUSTOM, null, null))
                .errors()).extracting(RuleError::field).containsExactly("customOptions");
    }

    static SlotSettings custom(ProviderId provider, String model, Map<String, Object> options) {
        return slot(provider, model, null, null, ThinkingLevel.CUSTOM, options, null);
    }

    static SlotSettings slot(ProviderId provider, String model, Double temperature, Integer maxTokens,
            ThinkingLevel thinking, Map<String, Object> options, OpenRouterPins pins) {
        return new SlotSettings(provider, model, null, null, temperature, maxTokens, thinking, options, null, pins,
                BaseUrls.effective(provider, provider == ProviderId.OPENAI_COMPATIBLE ? "https://api.z.ai/v4" : null));
    }
}
