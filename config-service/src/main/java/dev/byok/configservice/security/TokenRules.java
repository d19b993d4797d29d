package dev.byok.configservice.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What a bearer token must say, beyond a valid signature: a subject ({@code sub}: who acts, for the
 * record), an expiry ({@code exp}) not too far from when it was issued (a leaked long-lived token is
 * a long-lived key to every org it names), and, where configured, the issuer and one of the
 * audiences. Required with a JWKS, whose keys usually sign tokens for many applications: only
 * issuer and audience say a token was made for this one.
 */
final class TokenRules {

    private TokenRules() {
    }

    static OAuth2TokenValidator<Jwt> of(String issuer, List<String> audiences, Duration maxLifetime, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        rules.add(timestamps);
        rules.add(jwt -> jwt.getExpiresAt() == null ? refused("the token has no exp") : ok());
        rules.add(jwt -> jwt.getSubject() == null || jwt.getSubject().isBlank() ? refused("the token has no sub") : ok());
        rules.add(jwt -> lifetime(jwt, maxLifetime, clock));
        if (issuer != null && !issuer.isBlank()) {
            rules.add(new JwtIssuerValidator(issuer));
        }
        if (!audiences.isEmpty()) {
            rules.add(jwt -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(audiences::contains) ? ok()
                    : refused("the token is not for this service (aud)"));
        }
        return new DelegatingOAuth2TokenValidator<>(rules);
    }

    /**
     * From {@code iat} to {@code exp}, and from now to {@code exp}, whichever is longer: Spring fills
     * in an {@code iat} just before {@code exp} when a token has none, so what is left of a token
     * counts as well.
     */
    private static OAuth2TokenValidatorResult lifetime(Jwt jwt, Duration maxLifetime, Clock clock) {
        if (jwt.getExpiresAt() == null) {
            return ok();
        }
        Instant now = clock.instant();
        Instant from = jwt.getIssuedAt() != null && jwt.getIssuedAt().isBefore(now) ? jwt.getIssuedAt() : now;
        return Duration.between(from, jwt.getExpiresAt()).compareTo(maxLifetime) > 0
                ? refused("the token is valid for longer than " + maxLifetime.toHours() + " h (byok.jwt-max-lifetime)")
                : ok();
    }

    private static OAuth2TokenValidatorResult ok() {
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult refused(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", why, null));
    }
}
