package dev.byok.configservice.slots;

import dev.byok.configservice.catalog.Catalog;
import dev.byok.model.CloudSettings;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotConfig;
import dev.byok.model.RequestQuota;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.model.BaseUrls;
import dev.byok.provider.EgressGuard;
import dev.byok.provider.SlotCheck;
import dev.byok.provider.SlotRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of CONTRACTS §2.1, as one pure function from a request to either the settings to store
 * or every field that is wrong. Nothing here talks to Kafka or the key store.
 */
public final class SlotValidator {

    /** The longest request-quota window: plans count per hours, days or a week; a month is beyond any. */
    static final java.time.Duration MAX_QUOTA_WINDOW = java.time.Duration.ofDays(31);

    private static final int MAX_MODEL_LENGTH = 200;

    private final EgressGuard egressGuard;
    private final Catalog catalog;

    public SlotValidator(EgressGuard egressGuard, Catalog catalog) {
        this.egressGuard = egressGuard;
        this.catalog = catalog;
    }

    public ValidatedSlot validate(SlotConfig request) {
        List<FieldError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ProviderId provider = request.provider();
        if (provider == null) {
            errors.add(new FieldError("provider", "is required; one of " + ProviderId.allowedValues()));
        }
        String model = request.model() == null ? null : request.model().trim();
        if (model == null || model.isEmpty()) {
            errors.add(new FieldError("model", "is required"));
        } else if (model.length() > MAX_MODEL_LENGTH) {
            errors.add(new FieldError("model", "must be at most " + MAX_MODEL_LENGTH + " characters"));
        }
        Catalog.PlanOf plan = planOf(request, errors);
        String requestedBaseUrl = request.baseUrl() == null && plan != null ? plan.plan().baseUrl() : request.baseUrl();
        Integer cap = request.maxConcurrentRequests() == null && plan != null
                ? plan.plan().maxConcurrentRequests() : request.maxConcurrentRequests();
        boolean baseUrlGiven = requestedBaseUrl != null && !requestedBaseUrl.isBlank();
        if (provider != null) {
            CloudSlots.checkSettings(provider, request.cloud(), baseUrlGiven, errors);
        }
        String baseUrl = checkBaseUrl(provider, requestedBaseUrl, errors);
        boolean jsonCredential = provider != null && request.apiKey() != null
                && jsonCredentialExpected(provider, request);
        String apiKey = jsonCredential ? CloudSlots.credential(provider, request.cloud(), request.apiKey(), errors)
                : ApiKeyCleaner.clean(request.apiKey(), errors, warnings);
        if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > 2)) {
            errors.add(new FieldError("temperature", "must be between 0 and 2"));
        }
        if (request.maxTokens() != null && request.maxTokens() <= 0) {
            errors.add(new FieldError("maxTokens", "must be greater than 0"));
        }
        ThinkingLevel thinking = request.thinking() == null ? ThinkingLevel.OFF : request.thinking();
        if (thinking == ThinkingLevel.CUSTOM && request.customOptions() == null) {
            errors.add(new FieldError("customOptions", "is required when thinking is 'custom'"));
        }
        if (thinking != ThinkingLevel.CUSTOM && request.customOptions() != null) {
            errors.add(new FieldError("customOptions", "is only allowed when thinking is 'custom'"));
        }
        if (cap != null && cap < 1) {
            errors.add(new FieldError("maxConcurrentRequests", "must be at least 1, or null for no cap"));
        }
        if (request.openRouter() != null && provider != ProviderId.OPEN_ROUTER) {
            errors.add(new FieldError("openRouter", "is only allowed for provider open_router"));
        }
        // A plan's published quota (GLM Coding Plan Lite: about 120 prompts every 5 hours) unless the request sets one.
        RequestQuota quota = request.requestQuota() == null && plan != null ? plan.plan().requestQuota()
                : request.requestQuota();
        if (quota != null && (quota.requests() < 1 || quota.window() == null || quota.window().toSeconds() < 1
                || quota.window().compareTo(MAX_QUOTA_WINDOW) > 0)) {
            errors.add(new FieldError("requestQuota", "needs requests of at least 1 and a window from PT1S to "
                    + MAX_QUOTA_WINDOW.toDays() + " days (an ISO-8601 duration such as PT5H)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSlotException(errors);
        }
        SlotSettings settings = new SlotSettings(provider, model, baseUrl, plan == null ? null : plan.plan().id(),
                request.temperature(), request.maxTokens(), thinking, request.customOptions(), cap, request.openRouter(),
                BaseUrls.effective(provider, baseUrl, request.cloud()), request.cloud(), request.stream(), quota);
        // The same rules build every request, so what the save reports is exactly what will reach the wire.
        SlotCheck check = SlotRules.check(settings);
        if (!check.accepted()) {
            throw new InvalidSlotException(check.errors().stream().map(e -> new FieldError(e.field(), e.message())).toList());
        }
        warnings.addAll(check.warnings());
        if (settings.streamed() && provider == ProviderId.AMAZON_BEDROCK) {
            warnings.add("stream: amazon_bedrock calls are not streamed (Converse answers are read whole), so "
                    + "byok.request-timeout applies to them");
        }
        return new ValidatedSlot(settings, apiKey, warnings);
    }

    /** The catalog plan the request names, checked against its provider; null when it names none. */
    private Catalog.PlanOf planOf(SlotConfig request, List<FieldError> errors) {
        if (request.plan() == null) {
            return null;
        }
        Catalog.PlanOf plan = catalog.plan(request.plan()).orElse(null);
        if (plan == null) {
            errors.add(new FieldError("plan", "unknown plan '" + request.plan() + "'; see GET /api/v1/byok/catalog"));
            return null;
        }
        if (request.provider() != null && request.provider() != plan.entry().provider()) {
            errors.add(new FieldError("plan", "plan " + plan.plan().id() + " is for provider "
                    + plan.entry().provider().wire()));
            return null;
        }
        return plan;
    }

    private String checkBaseUrl(ProviderId provider, String baseUrl, List<FieldError> errors) {
        if (baseUrl == null || baseUrl.isBlank()) {
            if (provider != null && BaseUrls.requiresBaseUrl(provider)) {
                errors.add(new FieldError("baseUrl", "is required for provider " + provider.wire()));
            }
            return null;
        }
        String trimmed = baseUrl.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("baseUrl", "is not a valid URL"));
            return null;
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            errors.add(new FieldError("baseUrl", "must be an absolute http(s) URL without credentials, query or fragment"));
            return null;
        }
        EgressGuard.EgressDecision egress = egressGuard.check(uri);
        if (!egress.allowed() && !egress.unresolved()) {
            errors.add(new FieldError("baseUrl", egress.reason()));
        } else if (provider != null && provider.cloud() && !CloudSlots.hostAllowed(provider, uri)
                && !egressGuard.listed(uri)) {
            errors.add(new FieldError("baseUrl", "for " + provider.wire() + " must be an https URL on "
                    + CloudSlots.hostShapes(provider) + " (or leave it out: the cloud settings name the endpoint)"));
        }
        return trimmed;
    }

    /** Vertex service-account keys and Bedrock access keys are JSON; every other credential is one token. */
    private static boolean jsonCredentialExpected(ProviderId provider, SlotConfig request) {
        CloudSettings cloud = request.cloud();
        return provider == ProviderId.GOOGLE_VERTEX && (cloud == null || "service-account".equals(
                cloud.authOr("service-account")))
                || provider == ProviderId.AMAZON_BEDROCK && cloud != null && "access-key".equals(cloud.authOr("api-key"));
    }
}
