package dev.byok.provider.internal;

import dev.byok.model.ProbeCategory;
import dev.byok.model.ProbeResult;
import dev.byok.model.SlotSettings;
import java.util.Optional;

/**
 * What a failed probe of a cloud slot means, in the cloud's own terms (pure): the generic verdicts
 * would say "wrong key" or "wrong base URL" where the user has to enable an API, grant a role,
 * request model access or fix a project, location or deployment name.
 */
final class CloudProbeHints {

    private CloudProbeHints() {
    }

    static Optional<ProbeResult> hint(SlotSettings settings, int status, ErrorBody body) {
        if (settings == null || settings.provider() == null || !settings.provider().cloud()) {
            return Optional.empty();
        }
        String said = body.summary().isEmpty() ? "" : " The provider said: " + body.summary();
        String where = settings.cloud() == null ? "" : describe(settings);
        return Optional.ofNullable(switch (settings.provider()) {
            case GOOGLE_VERTEX -> vertex(settings, status, body, where, said);
            case AZURE_OPENAI -> status == 404 || body.is("DeploymentNotFound")
                    ? result(ProbeCategory.ENDPOINT_NOT_FOUND, status, "Azure OpenAI has no deployment named '"
                    + settings.model() + "'" + where + " (HTTP " + status + "): the model field takes the deployment "
                    + "name; check it and the resource name." + said) : null;
            case AMAZON_BEDROCK -> bedrock(settings, status, body, where, said);
            default -> null;
        });
    }

    private static ProbeResult vertex(SlotSettings settings, int status, ErrorBody body, String where, String said) {
        if (body.is("SERVICE_DISABLED") || body.says("has not been used in project") || body.says("is disabled")) {
            return result(ProbeCategory.INVALID_KEY, status, "The credential works but the Vertex AI API is not enabled"
                    + where + " (HTTP " + status + "): enable aiplatform.googleapis.com in the Google Cloud console."
                    + said);
        }
        if (body.is("PERMISSION_DENIED") || status == 403) {
            return result(ProbeCategory.INVALID_KEY, status, "The service account may not use Vertex AI" + where
                    + " (HTTP " + status + "): grant it the Vertex AI User role, and check the project id." + said);
        }
        if (status == 404 || body.is("NOT_FOUND")) {
            return result(ProbeCategory.ENDPOINT_NOT_FOUND, status, "Vertex AI has no model '" + settings.model()
                    + "'" + where + " (HTTP " + status + "): check the model id, the project and the location."
                    + said);
        }
        if (status == 400 && (body.is("API_KEY_INVALID") || body.says("api key"))) {
            return result(ProbeCategory.INVALID_KEY, status, "Vertex AI refused the API key (HTTP " + status
                    + "): check the key, or use a service-account key." + said);
        }
        return null;
    }

    private static ProbeResult bedrock(SlotSettings settings, int status, ErrorBody body, String where, String said) {
        if (body.is("AccessDeniedException") && body.says("model")) {
            return result(ProbeCategory.INVALID_KEY, status, "The credential works but has no access to '"
                    + settings.model() + "'" + where + " (HTTP " + status + "): request model access in the Bedrock "
                    + "console for this region." + said);
        }
        if (body.is("UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException")
                || status == 401 || status == 403) {
            return result(ProbeCategory.INVALID_KEY, status, "AWS refused the credential" + where + " (HTTP " + status
                    + "): check the access key id and secret (or the Bedrock API key), and that a session token "
                    + "has not expired." + said);
        }
        return null;
    }

    private static String describe(SlotSettings settings) {
        var cloud = settings.cloud();
        return switch (settings.provider()) {
            case GOOGLE_VERTEX -> cloud.project() == null ? "" : " in project '" + cloud.project() + "', location '"
                    + cloud.location() + "'";
            case AZURE_OPENAI -> cloud.resourceName() == null ? "" : " on resource '" + cloud.resourceName() + "'";
            case AMAZON_BEDROCK -> cloud.region() == null ? "" : " in region " + cloud.region();
            default -> "";
        };
    }

    private static ProbeResult result(ProbeCategory category, int status, String message) {
        return new ProbeResult(false, category, status, 0, message, null);
    }
}
