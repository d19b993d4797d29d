package dev.byok.provider.internal.auth;

import dev.byok.model.Json;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import tools.jackson.databind.JsonNode;

/**
 * Signs a Bedrock request with SigV4 using the AWS SDK's own signer ({@link AwsV4HttpSigner}, service
 * {@code bedrock}); the signed request is then sent through our guarded transport, not the SDK's
 * HTTP client, so the egress guard applies to it. The credential is the slot's key: a JSON object
 * {@code {"accessKeyId", "secretAccessKey", "sessionToken"?}}.
 */
public final class AwsRequestSigner {

    static final String SIGNING_NAME = "bedrock";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Clock clock;

    public AwsRequestSigner(Clock clock) {
        this.clock = clock;
    }

    /** The headers to add: {@code authorization}, {@code x-amz-date} and, with a session token, {@code x-amz-security-token}. */
    public Map<String, String> sign(String credentialJson, String region, String method, URI uri,
            Map<String, String> headers, byte[] body) throws CredentialFailure {
        AwsCredentialsIdentity identity = identity(credentialJson);
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity).request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body == null ? new byte[0] : body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> added = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("authorization") || lower.startsWith("x-amz-")) {
                added.put(lower, String.join(",", values));
            }
        });
        return added;
    }

    static AwsCredentialsIdentity identity(String credentialJson) throws CredentialFailure {
        JsonNode key;
        try {
            key = Json.lenient().readTree(credentialJson);
        } catch (RuntimeException e) {
            throw new CredentialFailure("the Bedrock credential is not a JSON object with accessKeyId and "
                    + "secretAccessKey; for a Bedrock API key use auth 'api-key'", false);
        }
        String accessKey = key.path("accessKeyId").asString("");
        String secret = key.path("secretAccessKey").asString("");
        if (accessKey.isBlank() || secret.isBlank()) {
            throw new CredentialFailure("the Bedrock credential needs accessKeyId and secretAccessKey", false);
        }
        String session = key.path("sessionToken").asString("");
        return session.isBlank() ? AwsCredentialsIdentity.create(accessKey, secret)
                : AwsSessionCredentialsIdentity.create(accessKey, secret, session);
    }
}
