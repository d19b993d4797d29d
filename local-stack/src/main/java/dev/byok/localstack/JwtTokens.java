package dev.byok.localstack;

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
import java.util.List;

/** Bearer tokens as config-service expects them (CONTRACTS §2): HS256 over the shared secret. */
public final class JwtTokens {

    private final byte[] secret;

    public JwtTokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A token that may manage the given orgs, valid for {@code ttl}. */
    public String forOrgs(List<String> orgs, Duration ttl) {
        return sign(new JWTClaimsSet.Builder().claim("orgs", orgs), ttl);
    }

    /** A token with the {@code byok:admin} scope: every org. */
    public String admin(Duration ttl) {
        return sign(new JWTClaimsSet.Builder().claim("scope", "byok:admin"), ttl);
    }

    /** Any claims, for tests of what the service refuses. */
    public String sign(JWTClaimsSet.Builder claims, Duration ttl) {
        Instant now = Instant.now();
        claims.subject(claims.build().getSubject() == null ? "local-stack" : claims.build().getSubject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }
}
