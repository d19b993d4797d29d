package dev.byok.configservice.slots;

import dev.byok.model.SlotSettings;
import java.util.List;

/**
 * A request that passed validation: the settings to store, the cleaned key (null when the caller
 * kept the stored one) and the warnings to show the caller.
 */
public record ValidatedSlot(SlotSettings settings, String apiKey, List<String> warnings) {

    @Override
    public String toString() {
        return "ValidatedSlot[settings=" + settings + ", apiKey=" + (apiKey == null ? "kept" : "<redacted>") + "]";
    }
}
