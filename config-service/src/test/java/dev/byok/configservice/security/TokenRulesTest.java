package dev.byok.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** What a token must say besides a valid signature, checked by a real decoder over signed tokens. */
class TokenRulesTest {

    private static final byte[] SECRET = "3f9c1a7e5b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void anOrdinaryTokenPasses() throws Exception {
        assertThat(decoder("", List.of()).decode(token(claims("alice").issueTime(at(0)).expirationTime(at(3600))))
                .getSubject()).isEqualTo("alice");
    }

    @Test
    void aTokenWithoutASubjectIsRefused() throws Exception {
        String withoutSub = token(new JWTClaimsSet.Builder().issueTime(at(0)).expirationTime(at(3600)));
        String blankSub = token(claims(" ").issueTime(at(0)).expirationTime(at(3600)));

        assertThatThrownBy(() -> decoder("", List.of()).decode(withoutSub)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("sub");
        assertThatThrownBy(() -> decoder("", List.of()).decode(blankSub)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenWithoutAnExpiryOrValidForLongerThanTheMaximumIsRefused() throws Exception {
        String forever = token(claims("alice").issueTime(at(0)));
        String twoDays = token(claims("alice").issueTime(at(0)).expirationTime(at(48 * 3600)));
        String issuedLongAgo = token(claims("alice").issueTime(at(-30 * 86400)).expirationTime(at(3600)));
        String noIssueTimeButFarOff = token(claims("alice").expirationTime(at(30 * 3600)));
        String exactlyADay = token(claims("alice").issueTime(at(0)).expirationTime(at(24 * 3600)));

        java.util.Map<String, String> refused = java.util.Map.of("no exp", forever, "two days", twoDays,
                "issued a month ago", issuedLongAgo, "no iat, 30 h left", noIssueTimeButFarOff);
        refused.forEach((what, token) -> assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> decoder("", List.of()).decode(token))).as(what).isInstanceOf(JwtValidationException.class));
        assertThat(decoder("", List.of()).decode(exactlyADay).getSubject()).isEqualTo("alice");
    }

    @Test
    void theIssuerAndAnAudienceAreCheckedWhereConfigured() throws Exception {
        NimbusJwtDecoder strict = decoder("https://idp.example.com", List.of("byok-review", "byok"));
        String right = token(claims("alice").issuer("https://idp.example.com").audience(List.of("other", "byok"))
                .issueTime(at(0)).expirationTime(at(3600)));
        String wrongIssuer = token(claims("alice").issuer("https://evil.example.com").audience("byok")
                .issueTime(at(0)).expirationTime(at(3600)));
        String wrongAudience = token(claims("alice").issuer("https://idp.example.com").audience("another-app")
                .issueTime(at(0)).expirationTime(at(3600)));
        String noAudience = token(claims("alice").issuer("https://idp.example.com").issueTime(at(0))
                .expirationTime(at(3600)));

        assertThat(strict.decode(right).getSubject()).isEqualTo("alice");
        for (String refused : List.of(wrongIssuer, wrongAudience, noAudience)) {
            assertThatThrownBy(() -> strict.decode(refused)).isInstanceOf(JwtValidationException.class);
        }
    }

    private static NimbusJwtDecoder decoder(String issuer, List<String> audiences) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(SECRET, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(TokenRules.of(issuer, audiences, Duration.ofHours(24), CLOCK));
        return decoder;
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject);
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static String token(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }
}
