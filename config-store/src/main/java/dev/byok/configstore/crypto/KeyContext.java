package dev.byok.configstore.crypto;

import dev.byok.model.BaseUrls;
import dev.byok.model.ProviderId;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whose key this is and where it may be sent. Bound into every encryption (the AES-GCM associated
 * data of the key and of its data key, and the KMS encryption context), so a ciphertext opens only
 * for its own org and slot, and only for calls to the provider and origin (scheme, host, port) it
 * was saved for: a config record that pairs a stored key with another host, forged or by a bug,
 * cannot be opened.
 *
 * <p>Keys stored before this binding existed were bound to org and slot only; {@link #unbound()}
 * is that older context, used to open them until the re-wrap has moved them (README, "Rotating").
 *
 * @param provider null in the older, unbound context
 * @param origin {@code scheme://host:port} of the slot's effective base URL; null in the older context
 */
public record KeyContext(String orgId, Slot slot, ProviderId provider, String origin) {

    public KeyContext {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(slot, "slot");
        if ((provider == null) != (origin == null)) {
            throw new IllegalArgumentException("a key is bound to a provider and an origin together");
        }
    }

    /**
     * The context of a slot's key: its org and slot, its provider and the origin its calls go to.
     *
     * @throws KeyUnavailableException when the settings name no provider or no http(s) origin: such
     *     a slot cannot be called, so its key is never opened
     */
    public static KeyContext of(String orgId, Slot slot, SlotSettings settings) {
        String origin = BaseUrls.origin(settings.effectiveBaseUrl());
        if (settings.provider() == null || origin == null) {
            throw new KeyUnavailableException("the slot names no provider or no valid base URL, so its key is not "
                    + "opened");
        }
        return new KeyContext(orgId, slot, settings.provider(), origin);
    }

    /** Whether this context binds provider and origin (every key sealed since the binding exists). */
    public boolean bound() {
        return provider != null;
    }

    /** The same org and slot without provider and origin: how keys were bound before. */
    public KeyContext unbound() {
        return new KeyContext(orgId, slot, null, null);
    }

    byte[] associatedData() {
        String text = bound()
                ? "byok-review/v2|" + orgId + "|" + slot.wire() + "|" + provider.wire() + "|" + origin
                : "byok-review/v1|" + orgId + "|" + slot.wire();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The KMS encryption context: the same binding, checked by KMS itself. */
    Map<String, String> encryptionContext() {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("byok:org", orgId);
        context.put("byok:slot", slot.wire());
        if (bound()) {
            context.put("byok:provider", provider.wire());
            context.put("byok:origin", origin);
        }
        return context;
    }
}
