package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer of a probe (CONTRACTS §2.4): a cheap metadata call to the provider, no inference.
 * {@code modelListed} is true or false when the provider's model list could be read, null otherwise.
 * {@code message} says what was found in words a user can act on, and never contains a key.
 * {@code models} (an addition to the contract) holds the model ids the provider listed, when it
 * could be read, so a client can offer them; at most {@link #MAX_MODELS}.
 */
public record ProbeResult(boolean ok, ProbeCategory category, Integer httpStatus, long latencyMs, String message,
        Boolean modelListed, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> models) {

    public static final int MAX_MODELS = 1000;

    public ProbeResult {
        models = models == null ? null : List.copyOf(models.subList(0, Math.min(models.size(), MAX_MODELS)));
    }

    public ProbeResult(boolean ok, ProbeCategory category, Integer httpStatus, long latencyMs, String message,
            Boolean modelListed) {
        this(ok, category, httpStatus, latencyMs, message, modelListed, null);
    }

    public ProbeResult withModels(List<String> modelIds) {
        return new ProbeResult(ok, category, httpStatus, latencyMs, message, modelListed, modelIds);
    }
}
