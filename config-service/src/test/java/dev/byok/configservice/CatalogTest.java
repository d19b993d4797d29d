package dev.byok.configservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.configservice.catalog.Catalog;
import dev.byok.model.CatalogEntry;
import dev.byok.model.ThinkingLevel;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private final Catalog catalog = Catalog.fromClasspath();

    @Test
    void holdsTheSixRecommendedModelsAndTheGeminiModelsOnVertexWithThinkingMediumByDefault() {
        assertThat(catalog.entries()).extracting(CatalogEntry::id).containsExactly("claude-sonnet-4-6",
                "claude-opus-4-7", "gemini-3.1-pro-preview-customtools", "gpt-5.4", "kimi-k2.6", "glm-5.1",
                "gemini-3.1-pro-preview-vertex", "gemini-3-flash-preview-vertex");
        assertThat(catalog.entries()).allSatisfy(e -> {
            assertThat(e.defaults().thinking()).isEqualTo(ThinkingLevel.MEDIUM);
            assertThat(e.defaults().temperature()).as(e.id()).isZero();
            assertThat(e.contextWindow()).isPositive();
            assertThat(e.apiKeyUrl()).startsWith("https://");
        });
    }

    @Test
    void everyModelDefaultsTo16384OutputTokensButOpus47To32768() {
        assertThat(catalog.entries()).allSatisfy(e -> assertThat(e.defaults().maxTokens()).as(e.id())
                .isEqualTo(e.id().equals("claude-opus-4-7") ? 32768 : 16384));
    }

    @Test
    void theGlmAndKimiPlansCarryTheirEndpointsConcurrencyAndPublishedQuotas() {
        assertThat(catalog.plan("glm-5.1-developer-api").orElseThrow().plan().baseUrl())
                .isEqualTo("https://api.z.ai/api/paas/v4/");
        assertThat(catalog.plan("glm-5.1-coding-plan").orElseThrow().plan())
                .isEqualTo(new CatalogEntry.Plan("glm-5.1-coding-plan", "GLM Coding Plan (subscription)",
                        "https://api.z.ai/api/coding/paas/v4", 1, "https://z.ai/subscribe",
                        new dev.byok.model.RequestQuota(120, java.time.Duration.ofHours(5),
                                dev.byok.model.RequestQuota.OnExceeded.WAIT)));
        assertThat(catalog.plan("kimi-k2.6-developer-api").orElseThrow().plan().baseUrl())
                .isEqualTo("https://api.moonshot.ai/v1");
        assertThat(catalog.plan("kimi-k2.6-code-plan").orElseThrow().plan())
                .isEqualTo(new CatalogEntry.Plan("kimi-k2.6-code-plan", "Kimi Code Plan (subscription)",
                        "https://api.kimi.com/coding/v1", 30, "https://kimi.com/code"));
    }
}
