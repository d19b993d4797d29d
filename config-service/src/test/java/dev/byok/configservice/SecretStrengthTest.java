package dev.byok.configservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.configservice.security.SecretStrength;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** BYOK_JWT_SECRET is checked for more than its length: a guessable secret mints admin tokens. */
class SecretStrengthTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "0123456789012345678901234567890123456789",
            "abababababababababababababababababababab",
            "a-secret-of-at-least-thirty-two-bytes!!",
            "please-change-me-before-production-12345",
            "my-super-password-for-tokens-0000000000",
            "0000000000000000000000000000000001234567",
            "short-but-random-Zq8#"})
    void weakSecretsAreRefusedWithTheReason(String secret) {
        assertThat(SecretStrength.weakness(secret)).as(secret).isPresent();
    }

    @Test
    void secretsMadeTheDocumentedWayAlwaysPass() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            assertThat(SecretStrength.weakness(HexFormat.of().formatHex(bytes))).isEmpty();
            assertThat(SecretStrength.weakness(Base64.getEncoder().encodeToString(bytes))).isEmpty();
        }
    }

    @Test
    void theServiceDoesNotStartWithAWeakSecretAndSaysHowToMakeOne() {
        assertThatThrownBy(() -> properties("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", "", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BYOK_JWT_SECRET")
                .hasMessageContaining("openssl rand -hex 32");
    }

    @Test
    void aKeySetNeedsAnIssuerAndAnAudience() {
        assertThatThrownBy(() -> properties(null, "https://idp.example.com/jwks", "", List.of("byok")))
                .hasMessageContaining("BYOK_JWT_ISSUER");
        assertThatThrownBy(() -> properties(null, "https://idp.example.com/jwks", "https://idp.example.com", List.of()))
                .hasMessageContaining("BYOK_JWT_AUDIENCE");
        assertThat(properties(null, "https://idp.example.com/jwks", "https://idp.example.com", List.of("byok"))
                .jwtAudiences()).containsExactly("byok");
    }

    private static ConfigServiceProperties properties(String secret, String jwks, String issuer, List<String> audiences) {
        return new ConfigServiceProperties(secret, jwks, issuer, audiences, Duration.ofHours(24), false,
                java.nio.file.Path.of("/tmp/unused.key"), List.of(), "", "", "", "", "", 1, (short) 0,
                Duration.ofSeconds(10), Duration.ofSeconds(10), 10, 65536, 1, Duration.ofDays(400));
    }
}
