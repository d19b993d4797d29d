package dev.byok.model;

import java.time.Instant;

/** A slot as it lives on the compacted config topic: settings, the encrypted key and its hint. */
public record StoredSlot(SlotSettings settings, EncryptedKey key, String keyHint, Instant updatedAt) {
}
