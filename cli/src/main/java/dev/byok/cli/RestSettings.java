package dev.byok.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import picocli.CommandLine.Option;

/** Where config-service is and which token to show it. */
final class RestSettings {

    @Option(names = "--url", defaultValue = "${env:BYOK_URL:-http://localhost:8080}", paramLabel = "URL",
            description = "config-service's base URL (BYOK_URL; default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--token", defaultValue = "${env:BYOK_TOKEN}", paramLabel = "JWT",
            description = "bearer token (BYOK_TOKEN); without one, an admin token is minted from the JWT secret")
    String token;

    @Option(names = "--jwt-secret", defaultValue = "${env:BYOK_JWT_SECRET}", paramLabel = "SECRET",
            description = "the deployment's HS256 secret (BYOK_JWT_SECRET)")
    String jwtSecret;

    RestClient client() {
        return new RestClient(url, bearer());
    }

    private String bearer() {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        if (jwtSecret != null && !jwtSecret.isBlank()) {
            return Tokens.admin(jwtSecret, Duration.ofMinutes(5), "byok-cli");
        }
        throw new UserError("no token: set BYOK_TOKEN (or --token), or BYOK_JWT_SECRET (or --jwt-secret) to mint one");
    }

    /** HS256 tokens as config-service verifies them. */
    static final class Tokens {

        static final int MIN_SECRET_BYTES = 32;

        private Tokens() {
        }

        static String admin(String secret, Duration ttl, String subject) {
            return sign(secret, new JWTClaimsSet.Builder().claim("scope", "byok:admin"), ttl, subject);
        }

        static String sign(String secret, JWTClaimsSet.Builder claims, Duration ttl, String subject) {
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new UserError("the JWT secret is " + key.length + " bytes; config-service needs at least "
                        + MIN_SECRET_BYTES);
            }
            Instant now = Instant.now();
            claims.subject(subject).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)));
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
                jwt.sign(new MACSigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new UserError("cannot sign a token: " + e.getMessage());
            }
        }
    }
}
