package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ProbeCategory;
import dev.byok.model.ProbeResult;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a probe's answer means for the user (CONTRACTS §2.4), as pure functions. The error outcome
 * comes from the same classification as real calls; only a 404 reads differently, because on a
 * list endpoint it means the base URL is wrong rather than the model.
 */
public final class ProbeVerdicts {

    private ProbeVerdicts() {
    }

    /** A failed probe of a slot: a cloud's own reading first ({@link CloudProbeHints}), then the status. */
    public static ProbeResult failed(int status, ErrorBody body, AttemptOutcome outcome, URI url,
            dev.byok.model.SlotSettings settings) {
        return CloudProbeHints.hint(settings, status, body)
                .orElseGet(() -> failed(status, body, outcome, url, settings == null ? null : settings.plan()));
    }

    /**
     * @param plan the catalog plan the slot was saved with (its key is made on that plan's page), or null
     */
    public static ProbeResult failed(int status, ErrorBody body, AttemptOutcome outcome, URI url, String plan) {
        String said = body.summary().isEmpty() ? "" : " The provider said: " + body.summary();
        if (status == 404) {
            return result(false, ProbeCategory.ENDPOINT_NOT_FOUND, status, "Nothing answers at " + url.getPath()
                    + " (HTTP 404): the base URL is probably wrong, e.g. missing /v1." + said, null);
        }
        return switch (outcome) {
            case AUTH_FAILED -> result(false, ProbeCategory.INVALID_KEY, status, "The provider rejected the key (HTTP "
                    + status + "): check that the whole key was pasted and that it belongs to "
                    + (plan == null ? "this provider and endpoint." : "the chosen plan ('" + plan + "'): a key made "
                    + "for another plan of this model does not work on this plan's endpoint.") + said, null);
            case PAYMENT_REQUIRED -> result(false, ProbeCategory.PAYMENT_REQUIRED, status, "The key is known but the "
                    + "account has no credit or quota left (HTTP " + status + "); top up or check the plan." + said,
                    null);
            case RATE_LIMITED -> result(true, ProbeCategory.RATE_LIMITED, status, "The key works but is rate limited "
                    + "right now (HTTP " + status + "); reviews will wait and retry." + said, null);
            case SERVER_ERROR -> result(false, ProbeCategory.SERVER_ERROR, status, "The provider had a server error "
                    + "(HTTP " + status + "); try again later." + said, null);
            case TIMEOUT -> result(false, ProbeCategory.NETWORK, status, "The provider timed out (HTTP " + status
                    + "); try again later." + said, null);
            default -> result(false, ProbeCategory.UNKNOWN, status, "Unexpected answer from the provider (HTTP "
                    + status + ")." + said, null);
        };
    }

    public static ProbeResult network(TransportFailure failure) {
        if (failure.egress() != null) {
            return failure.egress().unresolved() ? unresolved(failure.egress().reason())
                    : refused(failure.egress().reason());
        }
        if (failure.outcome() == AttemptOutcome.SERVER_ERROR) {
            return result(false, ProbeCategory.SERVER_ERROR, null, "The provider's answer could not be read: "
                    + failure.getMessage() + ". Check the base URL.", null);
        }
        String hint = failure.outcome() == AttemptOutcome.TIMEOUT ? "; check the base URL or try again later"
                : "; check the base URL and that the host is reachable";
        return result(false, ProbeCategory.NETWORK, null, "Could not reach the provider: " + failure.getMessage()
                + hint + ".", null);
    }

    public static ProbeResult notAnApi(int status, URI url) {
        return result(false, ProbeCategory.ENDPOINT_NOT_FOUND, status, url.getPath() + " answered HTTP " + status
                + " but not like the provider's API: the base URL is probably wrong.", null);
    }

    /** OpenRouter's key description: a spent credit limit predicts 402s on every call. */
    public static ProbeResult fromKeyInfo(int status, JsonNode info) {
        JsonNode remaining = info.path("data").path("limit_remaining");
        if (remaining.isNumber() && remaining.asDouble() <= 0) {
            return result(false, ProbeCategory.PAYMENT_REQUIRED, status, "The key works but its credit limit is "
                    + "used up; raise the key's limit or add credits.", null);
        }
        return null;
    }

    /** @param modelIds the listed models, or null when no list could be read */
    public static ProbeResult ok(int status, String model, List<String> modelIds) {
        if (modelIds == null) {
            return result(true, ProbeCategory.OK, status, "The key works (the model list could not be read, so "
                    + "the model id was not checked).", null);
        }
        if (modelIds.contains(model)) {
            return result(true, ProbeCategory.OK, status, "The key works and model '" + model + "' is listed.", true)
                    .withModels(modelIds);
        }
        return result(true, ProbeCategory.OK, status, "The key works, but model '" + model + "' is not in the "
                + "provider's model list; check the model id.", false).withModels(modelIds);
    }

    /** The egress guard could not resolve the host, so it was not called. */
    public static ProbeResult unresolved(String why) {
        return result(false, ProbeCategory.NETWORK, null, "Could not reach the provider: " + why
                + "; check the base URL and that the host is reachable.", null);
    }

    public static ProbeResult refused(String why) {
        return result(false, ProbeCategory.NETWORK, null, "The base URL may not be called: " + why + ".", null);
    }

    private static ProbeResult result(boolean ok, ProbeCategory category, Integer status, String message,
            Boolean modelListed) {
        return new ProbeResult(ok, category, status, 0, message, modelListed);
    }
}
