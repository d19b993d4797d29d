package dev.byok.simulator.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in for Google's OAuth token endpoint: a JWT-bearer grant (the assertion a service-account
 * key signs) is answered with an access token tied to the assertion's issuer, the service account's
 * e-mail. Calls that bring that token are then the service account's, and tests program behaviour
 * for the e-mail as for any key. The assertion's signature is not checked (the simulator does not
 * hold the public key); its shape, issuer, audience and scope are.
 */
final class GoogleTokens {

    static final long LIFETIME_SECONDS = 3600;
    private final Map<String, String> accountByToken = new ConcurrentHashMap<>();

    /** The token endpoint's answer: 200 with a token, or Google's 400 {@code invalid_grant}. */
    Reply exchange(String formBody) {
        String assertion = null;
        String grant = null;
        for (String pair : formBody.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            switch (pair.substring(0, eq)) {
                case "assertion" -> assertion = value;
                case "grant_type" -> grant = value;
                default -> { }
            }
        }
        String issuer = issuer(assertion);
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant) || issuer == null) {
            return Reply.of(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT.\"}");
        }
        String token = "ya29.sim-" + UUID.randomUUID();
        accountByToken.put(token, issuer);
        return Reply.of(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + LIFETIME_SECONDS
                + ",\"token_type\":\"Bearer\"}");
    }

    /** The service account a token was issued to, or null when this endpoint did not issue it. */
    String accountFor(String token) {
        return token == null ? null : accountByToken.get(token);
    }

    private static String issuer(String assertion) {
        if (assertion == null) {
            return null;
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = Wire.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                    .orElse(null);
            if (claims == null) {
                return null;
            }
            boolean scoped = claims.path("scope").asString("").contains("cloud-platform");
            String issuer = claims.path("iss").asString("");
            return scoped && !issuer.isEmpty() ? issuer : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
