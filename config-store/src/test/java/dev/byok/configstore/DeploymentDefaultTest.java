package dev.byok.configstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ProviderId;
import dev.byok.model.ThinkingLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentDefaultTest {

    @Test
    void readsAMainAndAFallbackFromTheEnvironmentAndNeverShowsTheKey() {
        Map<String, String> env = Map.of(
                "BYOK_DEFAULT_MAIN_PROVIDER", "openai_compatible",
                "BYOK_DEFAULT_MAIN_MODEL", "qwen3-coder",
                "BYOK_DEFAULT_MAIN_BASE_URL", "http://vllm.internal:8000/v1/",
                "BYOK_DEFAULT_MAIN_API_KEY", "sk-deploy-secret-123456",
                "BYOK_DEFAULT_MAIN_MAX_CONCURRENT_REQUESTS", "8",
                "BYOK_DEFAULT_FALLBACK_PROVIDER", "anthropic",
                "BYOK_DEFAULT_FALLBACK_MODEL", "claude-sonnet-4-6",
                "BYOK_DEFAULT_FALLBACK_THINKING", "low");

        DeploymentDefault fixed = DeploymentDefault.from(env::get);

        assertThat(fixed.main()).hasValueSatisfying(main -> {
            assertThat(main.settings().provider()).isEqualTo(ProviderId.OPENAI_COMPATIBLE);
            assertThat(main.settings().effectiveBaseUrl()).isEqualTo("http://vllm.internal:8000/v1");
            assertThat(main.settings().maxConcurrentRequests()).isEqualTo(8);
            assertThat(main.apiKey()).isEqualTo("sk-deploy-secret-123456");
            assertThat(main.toString()).doesNotContain("sk-deploy-secret-123456");
        });
        assertThat(fixed.fallback()).hasValueSatisfying(fallback -> {
            assertThat(fallback.settings().effectiveBaseUrl()).isEqualTo("https://api.anthropic.com/v1");
            assertThat(fallback.settings().thinking()).isEqualTo(ThinkingLevel.LOW);
        });
        OrgConfigChanged asConfig = fixed.asConfigOf("acme").orElseThrow();
        assertThat(asConfig.version()).isEqualTo(DeploymentDefault.VERSION);
        assertThat(asConfig.main().key()).isNull();
        assertThat(asConfig.toString()).doesNotContain("sk-deploy-secret-123456");
    }

    @Test
    void nothingSetMeansNoDefault() {
        assertThat(DeploymentDefault.from(name -> null).isPresent()).isFalse();
        assertThat(DeploymentDefault.from(name -> null).asConfigOf("acme")).isEmpty();
    }

    @Test
    void aBrokenDefaultNamesTheVariable() {
        assertThatThrownBy(() -> DeploymentDefault.from(Map.of("BYOK_DEFAULT_MAIN_PROVIDER", "azure")::get))
                .hasMessageContaining("BYOK_DEFAULT_MAIN_PROVIDER");
        assertThatThrownBy(() -> DeploymentDefault.from(Map.of("BYOK_DEFAULT_MAIN_PROVIDER", "openai")::get))
                .hasMessageContaining("BYOK_DEFAULT_MAIN_MODEL");
        assertThatThrownBy(() -> DeploymentDefault.from(Map.of("BYOK_DEFAULT_FALLBACK_PROVIDER", "openai_compatible",
                "BYOK_DEFAULT_FALLBACK_MODEL", "m")::get)).hasMessageContaining("BYOK_DEFAULT_FALLBACK_BASE_URL");
        assertThatThrownBy(() -> DeploymentDefault.from(Map.of("BYOK_DEFAULT_MAIN_PROVIDER", "openai",
                "BYOK_DEFAULT_MAIN_MODEL", "m", "BYOK_DEFAULT_MAIN_MAX_TOKENS", "lots")::get))
                .hasMessageContaining("BYOK_DEFAULT_MAIN_MAX_TOKENS");
    }
}
