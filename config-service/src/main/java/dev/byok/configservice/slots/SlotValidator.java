package dev.byok.configservice.slots;

import dev.byok.model.ProviderId;
import dev.byok.model.SlotConfig;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.provider.BaseUrls;
import dev.byok.provider.EgressGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of CONTRACTS §2.1, as one pure function from a request to either the settings to store
 * or every field that is wrong. Nothing here talks to Kafka or the key store.
 */
public final class SlotValidator {

    private static final int MAX_MODEL_LENGTH = 200;

    private final EgressGuard egressGuard;

    public SlotValidator(EgressGuard egressGuard) {
        this.egressGuard = egressGuard;
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
        if (request.plan() != null) {
            errors.add(new FieldError("plan", "unknown plan '" + request.plan() + "'"));
        }
        String baseUrl = checkBaseUrl(provider, request.baseUrl(), errors);
        String apiKey = ApiKeyCleaner.clean(request.apiKey(), errors, warnings);
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
        if (request.maxConcurrentRequests() != null && request.maxConcurrentRequests() < 1) {
            errors.add(new FieldError("maxConcurrentRequests", "must be at least 1, or null for no cap"));
        }
        if (request.openRouter() != null && provider != ProviderId.OPEN_ROUTER) {
            errors.add(new FieldError("openRouter", "is only allowed for provider open_router"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSlotException(errors);
        }
        SlotSettings settings = new SlotSettings(provider, model, baseUrl, null, request.temperature(),
                request.maxTokens(), thinking, request.customOptions(), request.maxConcurrentRequests(),
                request.openRouter(), BaseUrls.effective(provider, baseUrl));
        return new ValidatedSlot(settings, apiKey, warnings);
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
        }
        return trimmed;
    }
}
