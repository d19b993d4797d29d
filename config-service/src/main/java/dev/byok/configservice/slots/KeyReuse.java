package dev.byok.configservice.slots;

import dev.byok.model.BaseUrls;
import dev.byok.model.SlotSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a slot's stored key may be kept for new settings. A stored key means "this key, for this
 * provider at this origin": changing the model, thinking, caps or options keeps it, but a save, a
 * validation or a test that would send it to another provider or another origin (scheme, host,
 * port) needs the key again. Otherwise anyone who may edit an org's config could have its key sent
 * to a host of their choice, and "keys are write-only" would not hold. Pure.
 */
public final class KeyReuse {

    private KeyReuse() {
    }

    /** The reason {@code stored}'s key may not be used with {@code requested}; empty when it may. */
    public static Optional<FieldError> refusal(SlotSettings stored, SlotSettings requested) {
        if (stored.provider() != requested.provider()) {
            return Optional.of(new FieldError("apiKey", "is required again because the provider changes from "
                    + wire(stored) + " to " + wire(requested) + "; a stored key is only ever sent to the provider "
                    + "and endpoint it was saved for"));
        }
        String before = BaseUrls.origin(stored.effectiveBaseUrl());
        String after = BaseUrls.origin(requested.effectiveBaseUrl());
        if (before == null || !Objects.equals(before, after)) {
            return Optional.of(new FieldError("apiKey", "is required again because the endpoint changes from "
                    + before + " to " + after + "; a stored key is only ever sent to the provider and endpoint it "
                    + "was saved for"));
        }
        return Optional.empty();
    }

    private static String wire(SlotSettings settings) {
        return settings.provider() == null ? "none" : settings.provider().wire();
    }
}
