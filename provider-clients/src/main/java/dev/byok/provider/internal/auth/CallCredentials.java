package dev.byok.provider.internal.auth;

import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.provider.google.internal.VertexFormat;
import dev.byok.provider.internal.HttpTransport;
import dev.byok.provider.internal.WireFormat;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The auth headers of one call, from the slot's stored credential: a Vertex service-account key
 * becomes a (cached) access token, AWS access keys sign the request, anything else is sent as the
 * format says. Used for reviews and probes alike.
 */
public final class CallCredentials {

    private final GoogleAccessTokens googleTokens;
    private final AwsRequestSigner awsSigner;

    public CallCredentials(HttpTransport transport, Clock clock) {
        this.googleTokens = new GoogleAccessTokens(transport, clock);
        this.awsSigner = new AwsRequestSigner(clock);
    }

    /**
     * @param headers the other headers of the request (SigV4 signs them)
     * @param body the request body, empty for a GET
     */
    public Map<String, String> headers(WireFormat format, SlotSettings settings, String credential, String method,
            URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws CredentialFailure {
        if (settings.provider() == ProviderId.GOOGLE_VERTEX && !VertexFormat.apiKeyMode(settings)) {
            String root = WireFormat.root(settings);
            return format.authHeaders(settings, googleTokens.accessToken(credential, root, timeout));
        }
        if (settings.provider() == ProviderId.AMAZON_BEDROCK && settings.cloud() != null
                && "access-key".equals(settings.cloud().authOr("api-key"))) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("content-type", "application/json");
            return awsSigner.sign(credential, settings.cloud().region(), method, uri, all, body);
        }
        return format.authHeaders(settings, credential);
    }
}
