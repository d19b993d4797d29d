package dev.byok.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a cloud-hosted model lives, for the providers whose API root is built from an account's
 * names rather than fixed: Azure OpenAI ({@code resourceName}, {@code apiVersion}, {@code api}),
 * Google Vertex AI ({@code project}, {@code location}, {@code auth}) and Amazon Bedrock
 * ({@code region}, {@code auth}). The credential itself is never here: it is the slot's apiKey
 * (a service-account JSON key, an access key pair as JSON, or an API key), envelope-encrypted.
 *
 * @param resourceName Azure resource name: calls go to {@code https://{resourceName}.openai.azure.com/openai}
 * @param apiVersion Azure {@code api-version} query value; {@code v1} when null (the v1 API)
 * @param api Azure API: {@code responses} (default) or {@code chat}
 * @param project Google Cloud project id (Vertex, service-account auth)
 * @param location Vertex location such as {@code us-central1} or {@code global}
 * @param region AWS region such as {@code us-east-1}
 * @param auth Vertex: {@code service-account} (default) or {@code api-key}; Bedrock: {@code api-key}
 *     (default) or {@code access-key}
 */
public record CloudSettings(String resourceName, String apiVersion, String api, String project, String location,
        String region, String auth) {

    /** The shapes names must have: they become host names and paths, so nothing else is let in. */
    public static final Pattern RESOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    public static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    public static final Pattern LOCATION = Pattern.compile("global|[a-z]+-[a-z]+\\d+");
    public static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    public static final Pattern API_VERSION = Pattern.compile("v1|\\d{4}-\\d{2}-\\d{2}(-preview)?");

    public String apiVersionOrDefault() {
        return apiVersion == null || apiVersion.isBlank() ? "v1" : apiVersion;
    }

    public boolean chatApi() {
        return "chat".equals(api);
    }

    public String authOr(String fallback) {
        return auth == null || auth.isBlank() ? fallback : auth.toLowerCase(Locale.ROOT);
    }
}
