package dev.byok.configservice.slots;

import dev.byok.model.BaseUrls;
import dev.byok.model.CloudSettings;
import dev.byok.model.Json;
import dev.byok.model.ProviderId;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The save-time rules of the cloud providers (Azure OpenAI, Vertex AI, Bedrock), as pure functions:
 * which cloud settings each needs and their shapes, which hosts an explicit baseUrl may name (the
 * cloud's regional endpoints, by shape), and the credential's shape. A service-account key or an
 * access-key pair is JSON: it is parsed, checked and stored compact (whitespace outside strings is
 * dropped), and the whole of it is the encrypted key. Messages never quote the credential.
 */
final class CloudSlots {

    /** The hosts each cloud serves its model APIs on; an explicit baseUrl must be one of them. */
    private static final List<Pattern> AZURE_HOSTS = List.of(
            Pattern.compile("[a-z0-9][a-z0-9-]*\\.openai\\.azure\\.com"),
            Pattern.compile("[a-z0-9][a-z0-9-]*\\.cognitiveservices\\.azure\\.com"),
            Pattern.compile("[a-z0-9][a-z0-9-]*\\.services\\.ai\\.azure\\.com"));
    private static final List<Pattern> VERTEX_HOSTS = List.of(
            Pattern.compile("aiplatform\\.googleapis\\.com"),
            Pattern.compile("[a-z]+-[a-z]+\\d+-aiplatform\\.googleapis\\.com"),
            Pattern.compile("aiplatform\\.(eu|us)\\.rep\\.googleapis\\.com"));
    private static final List<Pattern> BEDROCK_HOSTS = List.of(
            Pattern.compile("bedrock-runtime(-fips)?\\.[a-z]{2}(-gov)?-[a-z]+-\\d\\.amazonaws\\.com"));

    private CloudSlots() {
    }

    /** Every field of the cloud settings that is missing or malformed for this provider. */
    static void checkSettings(ProviderId provider, CloudSettings cloud, boolean baseUrlGiven, List<FieldError> errors) {
        if (!provider.cloud()) {
            if (cloud != null) {
                errors.add(new FieldError("cloud", "is only for azure_openai, google_vertex and amazon_bedrock"));
            }
            return;
        }
        if (cloud == null) {
            errors.add(new FieldError("cloud", "is required for provider " + provider.wire() + needs(provider)));
            return;
        }
        switch (provider) {
            case AZURE_OPENAI -> {
                if (!baseUrlGiven) {
                    shape(cloud.resourceName(), CloudSettings.RESOURCE_NAME, "cloud.resourceName",
                            "the Azure OpenAI resource name (the part before .openai.azure.com), or give baseUrl", errors);
                }
                if (cloud.apiVersion() != null) {
                    shape(cloud.apiVersion(), CloudSettings.API_VERSION, "cloud.apiVersion",
                            "'v1' or a dated version such as 2025-04-01-preview", errors);
                }
                if (cloud.api() != null && !List.of("responses", "chat").contains(cloud.api())) {
                    errors.add(new FieldError("cloud.api", "must be 'responses' or 'chat'"));
                }
            }
            case GOOGLE_VERTEX -> {
                String auth = cloud.authOr("service-account");
                if (!List.of("service-account", "api-key").contains(auth)) {
                    errors.add(new FieldError("cloud.auth", "must be 'service-account' or 'api-key'"));
                } else if (auth.equals("service-account") && !baseUrlGiven) {
                    shape(cloud.project(), CloudSettings.PROJECT, "cloud.project", "the Google Cloud project id", errors);
                    shape(cloud.location(), CloudSettings.LOCATION, "cloud.location",
                            "a Vertex location such as us-central1, europe-west4 or global", errors);
                }
            }
            case AMAZON_BEDROCK -> {
                if (!List.of("api-key", "access-key").contains(cloud.authOr("api-key"))) {
                    errors.add(new FieldError("cloud.auth", "must be 'api-key' or 'access-key'"));
                }
                // The region signs every request (SigV4), so it is needed even with an explicit baseUrl.
                shape(cloud.region(), CloudSettings.REGION, "cloud.region", "an AWS region such as us-east-1", errors);
            }
            default -> { }
        }
    }

    /**
     * Whether an explicit baseUrl of a cloud slot names one of that cloud's model API hosts. The
     * credential goes wherever the baseUrl points, so a Vertex key is only sent to Google's hosts.
     */
    static boolean hostAllowed(ProviderId provider, URI baseUrl) {
        String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
        List<Pattern> shapes = switch (provider) {
            case AZURE_OPENAI -> AZURE_HOSTS;
            case GOOGLE_VERTEX -> VERTEX_HOSTS;
            case AMAZON_BEDROCK -> BEDROCK_HOSTS;
            default -> List.of();
        };
        return "https".equals(baseUrl.getScheme()) && shapes.stream().anyMatch(p -> p.matcher(host).matches());
    }

    static String hostShapes(ProviderId provider) {
        return switch (provider) {
            case AZURE_OPENAI -> "{resource}.openai.azure.com, {resource}.cognitiveservices.azure.com or "
                    + "{resource}.services.ai.azure.com";
            case GOOGLE_VERTEX -> "aiplatform.googleapis.com, {location}-aiplatform.googleapis.com or "
                    + "aiplatform.{eu|us}.rep.googleapis.com";
            case AMAZON_BEDROCK -> "bedrock-runtime.{region}.amazonaws.com";
            default -> "";
        };
    }

    /**
     * The credential as stored: JSON credentials (a Vertex service-account key, Bedrock access keys)
     * checked and made compact; null with an error when it is not the shape the slot's auth needs.
     */
    static String credential(ProviderId provider, CloudSettings cloud, String raw, List<FieldError> errors) {
        boolean serviceAccount = provider == ProviderId.GOOGLE_VERTEX
                && (cloud == null || "service-account".equals(cloud.authOr("service-account")));
        boolean accessKeys = provider == ProviderId.AMAZON_BEDROCK && cloud != null
                && "access-key".equals(cloud.authOr("api-key"));
        if (!serviceAccount && !accessKeys) {
            return null;
        }
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("apiKey", "is empty"));
            return null;
        }
        JsonNode json;
        try {
            json = Json.lenient().readTree(raw.strip());
        } catch (RuntimeException e) {
            json = null;
        }
        if (!(json instanceof ObjectNode)) {
            errors.add(new FieldError("apiKey", serviceAccount
                    ? "must be the service-account key file's JSON (or set cloud.auth to 'api-key' for a Vertex API key)"
                    : "must be JSON {\"accessKeyId\", \"secretAccessKey\", \"sessionToken\"?} "
                    + "(or set cloud.auth to 'api-key' for a Bedrock API key)"));
            return null;
        }
        List<String> required = serviceAccount ? List.of("type", "client_email", "private_key")
                : List.of("accessKeyId", "secretAccessKey");
        for (String field : required) {
            if (!json.path(field).isString() || json.path(field).asString().isBlank()) {
                errors.add(new FieldError("apiKey", "has no " + field));
                return null;
            }
        }
        if (serviceAccount && !"service_account".equals(json.path("type").asString())) {
            errors.add(new FieldError("apiKey", "is not a service-account key (its type is not 'service_account')"));
            return null;
        }
        return Json.lenient().writeValueAsString(json);
    }

    /** What the API shows instead of a JSON credential: the service account or the access key's last four. */
    static String hint(String credential) {
        JsonNode json;
        try {
            json = Json.lenient().readTree(credential);
        } catch (RuntimeException e) {
            return null;
        }
        if (json.path("client_email").isString()) {
            return "service account " + json.path("client_email").asString();
        }
        String accessKey = json.path("accessKeyId").asString("");
        return accessKey.length() >= 16 ? "access key …" + accessKey.substring(accessKey.length() - 4) : "access key …";
    }

    private static void shape(String value, Pattern shape, String field, String what, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required: " + what));
        } else if (!shape.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be " + what));
        }
    }

    private static String needs(ProviderId provider) {
        return switch (provider) {
            case AZURE_OPENAI -> " (resourceName, apiVersion, api)";
            case GOOGLE_VERTEX -> " (project, location, auth)";
            case AMAZON_BEDROCK -> " (region, auth)";
            default -> "";
        };
    }

    /** The API root of a cloud slot without a baseUrl. */
    static String root(ProviderId provider, CloudSettings cloud) {
        return BaseUrls.cloudRoot(provider, cloud);
    }
}
