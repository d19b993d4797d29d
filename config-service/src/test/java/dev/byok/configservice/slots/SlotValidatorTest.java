package dev.byok.configservice.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.configservice.catalog.Catalog;
import dev.byok.model.OpenRouterPins;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotConfig;
import dev.byok.model.ThinkingLevel;
import dev.byok.provider.EgressGuard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotValidatorTest {

    private final SlotValidator validator = new SlotValidator(EgressGuard.fromAllowList("127.0.0.1"),
            Catalog.fromClasspath());

    @Test
    void aMinimalConfigGetsTheProvidersDefaultUrlAndThinkingOff() {
        ValidatedSlot slot = validator.validate(config(ProviderId.OPENAI, "gpt-5.4", null, "sk-abcdefghijklmnop"));

        assertThat(slot.settings().effectiveBaseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(slot.settings().thinking()).isEqualTo(ThinkingLevel.OFF);
        assertThat(slot.apiKey()).isEqualTo("sk-abcdefghijklmnop");
        assertThat(slot.warnings()).isEmpty();
    }

    @Test
    void everyBrokenFieldIsNamedAtOnce() {
        SlotConfig bad = new SlotConfig(null, " ", null, "no-such-plan", "", 2.5, 0, ThinkingLevel.LOW,
                Map.of("x", 1), 0, new OpenRouterPins(List.of("a"), true));

        assertThatThrownBy(() -> validator.validate(bad)).isInstanceOfSatisfying(InvalidSlotException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("provider", "model",
                        "plan", "apiKey", "temperature", "maxTokens", "customOptions", "maxConcurrentRequests",
                        "openRouter"));
    }

    @Test
    void openAiCompatibleNeedsABaseUrlAndATrailingSlashIsTolerated() {
        assertThatThrownBy(() -> validator.validate(config(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", null, "k")))
                .isInstanceOfSatisfying(InvalidSlotException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("baseUrl", "is required for provider openai_compatible")));

        ValidatedSlot slot = validator.validate(config(ProviderId.OPENAI_COMPATIBLE, "glm-5.1",
                "http://127.0.0.1:8000/v1/", "k"));
        assertThat(slot.settings().effectiveBaseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
    }

    @Test
    void aBaseUrlIntoThePrivateNetworkIsRefusedUnlessAllowListed() {
        assertThatThrownBy(() -> validator.validate(config(ProviderId.OPENAI_COMPATIBLE, "m",
                "http://169.254.169.254/latest", "k"))).isInstanceOfSatisfying(InvalidSlotException.class,
                e -> assertThat(e.errors().getFirst().message()).contains("BYOK_EGRESS_ALLOW"));
        assertThatThrownBy(() -> validator.validate(config(ProviderId.OPENAI_COMPATIBLE, "m",
                "https://user:pw@example.com/v1", "k"))).isInstanceOf(InvalidSlotException.class);
    }

    @Test
    void aPastedKeyIsCleanedAndTheCallerIsTold() {
        ValidatedSlot slot = validator.validate(config(ProviderId.OPENAI, "gpt-5.4", null, "  \"sk-abcdefghijkl\"\n"));

        assertThat(slot.apiKey()).isEqualTo("sk-abcdefghijkl");
        assertThat(slot.warnings()).singleElement().asString().contains("apiKey");
    }

    @Test
    void aKeyWithInnerSpacesIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> validator.validate(config(ProviderId.OPENAI, "gpt-5.4", null, "sk-abc def-secret")))
                .isInstanceOfSatisfying(InvalidSlotException.class, e -> assertThat(e.errors().toString())
                        .contains("apiKey").doesNotContain("secret"));
    }

    @Test
    void customOptionsBelongToTheCustomThinkingLevelOnly() {
        SlotConfig custom = new SlotConfig(ProviderId.ANTHROPIC, "claude-sonnet-4-6", null, null, "k", null, null,
                ThinkingLevel.CUSTOM, null, null, null);

        assertThatThrownBy(() -> validator.validate(custom)).isInstanceOfSatisfying(InvalidSlotException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("customOptions"));
    }

    @Test
    void aPlanFillsInItsEndpointAndConcurrencyUnlessTheyAreGiven() {
        SlotConfig codingPlan = new SlotConfig(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", null, "glm-5.1-coding-plan", "k",
                null, null, null, null, null, null);
        SlotConfig ownCap = new SlotConfig(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", null, "glm-5.1-coding-plan", "k",
                null, null, null, null, 3, null);

        ValidatedSlot slot = validator.validate(codingPlan);

        assertThat(slot.settings().effectiveBaseUrl()).isEqualTo("https://api.z.ai/api/coding/paas/v4");
        assertThat(slot.settings().maxConcurrentRequests()).isEqualTo(1);
        assertThat(slot.settings().plan()).isEqualTo("glm-5.1-coding-plan");
        assertThat(validator.validate(ownCap).settings().maxConcurrentRequests()).isEqualTo(3);
    }

    @Test
    void aPlanOfAnotherProviderOrAnUnknownPlanIsRefused() {
        SlotConfig wrongProvider = new SlotConfig(ProviderId.ANTHROPIC, "claude-sonnet-4-6", null, "kimi-k2.6-code-plan",
                "k", null, null, null, null, null, null);

        assertThatThrownBy(() -> validator.validate(wrongProvider)).isInstanceOfSatisfying(InvalidSlotException.class,
                e -> assertThat(e.errors().getFirst().message()).contains("openai_compatible"));
    }

    @Test
    void aRequestQuotaIsCheckedAndAPlanFillsInItsPublishedOne() {
        SlotConfig onPlan = new SlotConfig(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", null, "glm-5.1-coding-plan",
                "sk-abcdefghijklmnop", null, null, null, null, null, null);
        assertThat(validator.validate(onPlan).settings().requestQuota()).isEqualTo(new dev.byok.model.RequestQuota(120,
                java.time.Duration.ofHours(5), dev.byok.model.RequestQuota.OnExceeded.WAIT));

        SlotConfig tooLong = new SlotConfig(ProviderId.OPENAI, "gpt-5.4", null, null, "sk-abcdefghijklmnop", null, null,
                null, null, null, null, null, null, new dev.byok.model.RequestQuota(10, java.time.Duration.ofDays(40), null));
        assertThatThrownBy(() -> validator.validate(tooLong)).isInstanceOfSatisfying(InvalidSlotException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("requestQuota"));
    }

    private static SlotConfig config(ProviderId provider, String model, String baseUrl, String key) {
        return new SlotConfig(provider, model, baseUrl, null, key, null, null, null, null, null, null);
    }
}
