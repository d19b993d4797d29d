package dev.byok.configstore.crypto;

import dev.byok.model.Slot;
import java.nio.charset.StandardCharsets;

/** Whose key this is. Bound into every encryption so a ciphertext cannot move to another org or slot. */
public record KeyContext(String orgId, Slot slot) {

    byte[] associatedData() {
        return ("byok-review/v1|" + orgId + "|" + slot.wire()).getBytes(StandardCharsets.UTF_8);
    }
}
