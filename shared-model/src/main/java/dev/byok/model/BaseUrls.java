package dev.byok.model;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** The API roots of CONTRACTS §2.1: where a slot's calls go when it names no baseUrl. */
public final class BaseUrls {

    private static final Map<ProviderId, String> DEFAULTS = Map.of(
            ProviderId.OPENAI, "https://api.openai.com/v1",
            ProviderId.ANTHROPIC, "https://api.anthropic.com/v1",
            ProviderId.GOOGLE_GEMINI, "https://generativelanguage.googleapis.com/v1beta",
            ProviderId.OPEN_ROUTER, "https://openrouter.ai/api/v1",
            ProviderId.NOVITA, "https://api.novita.ai/v3/openai");

    private BaseUrls() {
    }

    /** The root calls go to, without a trailing slash; null when the provider has no default and none was given. */
    public static String effective(ProviderId provider, String baseUrl) {
        String chosen = baseUrl == null || baseUrl.isBlank() ? DEFAULTS.get(provider) : baseUrl.trim();
        if (chosen == null) {
            return null;
        }
        while (chosen.endsWith("/")) {
            chosen = chosen.substring(0, chosen.length() - 1);
        }
        return chosen;
    }

    /**
     * The origin of a URL, {@code scheme://host:port}, lower case, with the scheme's default port
     * written out ({@code https://API.openai.com/v1} is {@code https://api.openai.com:443}): where
     * a request to it connects. Null when the URL has no http(s) scheme or no host.
     */
    public static String origin(String url) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            return null;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The root of a slot: its baseUrl, else the provider default, else the root its cloud settings name. */
    public static String effective(ProviderId provider, String baseUrl, CloudSettings cloud) {
        String fixed = effective(provider, baseUrl);
        return fixed != null || provider == null || !provider.cloud() ? fixed : cloudRoot(provider, cloud);
    }

    /**
     * The API root a cloud provider's settings name, as the providers' SDKs build it; null when the
     * settings lack a part (the save names the field). Names are checked against their shapes first,
     * so a host is never built from arbitrary text.
     */
    public static String cloudRoot(ProviderId provider, CloudSettings cloud) {
        if (cloud == null) {
            return null;
        }
        return switch (provider) {
            case AZURE_OPENAI -> matches(CloudSettings.RESOURCE_NAME, cloud.resourceName())
                    ? "https://" + cloud.resourceName() + ".openai.azure.com/openai" : null;
            case GOOGLE_VERTEX -> vertexRoot(cloud);
            case AMAZON_BEDROCK -> matches(CloudSettings.REGION, cloud.region())
                    ? "https://bedrock-runtime." + cloud.region() + ".amazonaws.com" : null;
            default -> null;
        };
    }

    private static String vertexRoot(CloudSettings cloud) {
        if ("api-key".equals(cloud.authOr("service-account"))) {
            return "https://aiplatform.googleapis.com/v1/publishers/google";
        }
        if (!matches(CloudSettings.LOCATION, cloud.location()) || !matches(CloudSettings.PROJECT, cloud.project())) {
            return null;
        }
        String host = "global".equals(cloud.location()) ? "aiplatform.googleapis.com"
                : cloud.location() + "-aiplatform.googleapis.com";
        return "https://" + host + "/v1beta1/projects/" + cloud.project() + "/locations/" + cloud.location()
                + "/publishers/google";
    }

    private static boolean matches(java.util.regex.Pattern shape, String value) {
        return value != null && shape.matcher(value).matches();
    }

    public static boolean requiresBaseUrl(ProviderId provider) {
        return !DEFAULTS.containsKey(provider) && !provider.cloud();
    }
}
