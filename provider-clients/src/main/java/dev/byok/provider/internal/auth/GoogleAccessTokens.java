package dev.byok.provider.internal.auth;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.byok.model.BaseUrls;
import dev.byok.model.Json;
import dev.byok.provider.internal.HttpTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Exchanges a Vertex slot's service-account JSON key for an OAuth access token with Google's own
 * library ({@link ServiceAccountCredentials}: it signs the JWT assertion and reads the answer), over
 * our guarded transport. A token is reused until {@link #REFRESH_BEFORE} before it expires, so a
 * busy slot signs one assertion an hour, not one per review. Tokens are cached by the key's hash,
 * never by the key, and the cache is bounded.
 *
 * <p>The token endpoint is the key's own {@code token_uri}, which is text the user pasted: it is only
 * used when it is Google's ({@value #GOOGLE_TOKEN_URI}) or on the same origin as the slot's API root
 * (a gateway or a test stand-in that serves both), so a key cannot send its signed assertion elsewhere.
 */
public final class GoogleAccessTokens {

    public static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
    private static final int MAX_CACHED = 4096;

    private final HttpTransport transport;
    private final Clock clock;
    private final Map<String, AccessToken> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AccessToken> eldest) {
            return size() > MAX_CACHED;
        }
    };

    public GoogleAccessTokens(HttpTransport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    /**
     * @param apiRoot the slot's effective API root (where the token will be sent)
     * @throws CredentialFailure when the key is not a service-account key, its token endpoint is not
     *     allowed, or the exchange is refused or unreachable
     */
    public String accessToken(String serviceAccountJson, String apiRoot, Duration timeout) throws CredentialFailure {
        String cacheKey = sha256(serviceAccountJson + "\n" + apiRoot);
        AccessToken cached;
        synchronized (cache) {
            cached = cache.get(cacheKey);
        }
        Instant now = clock.instant();
        if (cached != null && cached.getExpirationTime() != null
                && cached.getExpirationTime().toInstant().minus(REFRESH_BEFORE).isAfter(now)) {
            return cached.getTokenValue();
        }
        AccessToken fresh = exchange(serviceAccountJson, apiRoot, timeout);
        synchronized (cache) {
            cache.put(cacheKey, fresh);
        }
        return fresh.getTokenValue();
    }

    private AccessToken exchange(String json, String apiRoot, Duration timeout) throws CredentialFailure {
        JsonNode key;
        try {
            key = Json.lenient().readTree(json);
        } catch (RuntimeException e) {
            throw new CredentialFailure("the Vertex credential is not a service-account JSON key (it is not JSON); "
                    + "paste the whole key file, or use auth 'api-key' for a Vertex API key", false);
        }
        if (!"service_account".equals(key.path("type").asString(""))) {
            throw new CredentialFailure("the Vertex credential is not a service-account key (its type is not "
                    + "'service_account')", false);
        }
        String tokenUri = key.path("token_uri").asString(GOOGLE_TOKEN_URI);
        if (!tokenUriAllowed(tokenUri, apiRoot)) {
            throw new CredentialFailure("the key's token_uri is not Google's token endpoint (" + GOOGLE_TOKEN_URI
                    + "), so the key is not used", false);
        }
        try {
            ServiceAccountCredentials credentials = (ServiceAccountCredentials) ServiceAccountCredentials
                    .fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                            () -> new GuardedGoogleTransport(transport, timeout))
                    .createScoped(SCOPES);
            AccessToken token = credentials.refreshAccessToken();
            if (token == null || token.getTokenValue() == null) {
                throw new CredentialFailure("Google's token endpoint answered without an access token", true);
            }
            return token;
        } catch (IOException | RuntimeException e) {
            boolean unreachable = String.valueOf(e.getMessage()).contains("could not be reached");
            throw new CredentialFailure(unreachable ? "Google's token endpoint could not be reached"
                    : "Google refused the service-account key (" + reason(e) + "): check that the key is current "
                    + "and not deleted or disabled", unreachable);
        }
    }

    static boolean tokenUriAllowed(String tokenUri, String apiRoot) {
        if (GOOGLE_TOKEN_URI.equals(tokenUri)) {
            return true;
        }
        String origin = BaseUrls.origin(tokenUri);
        return origin != null && origin.equals(BaseUrls.origin(apiRoot));
    }

    /** The OAuth error code of a refusal ({@code invalid_grant}), which carries nothing of the key. */
    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        for (String code : List.of("invalid_grant", "invalid_client", "unauthorized_client", "invalid_scope",
                "access_denied")) {
            if (message.contains(code)) {
                return code;
            }
        }
        return e instanceof IOException ? "the key could not be read or was refused" : "unreadable key";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
