package dev.byok.worker.engine;

import dev.byok.worker.permits.PermitKey;

/**
 * What a lane's permits are counted against as the current config says: the permit key, the cap
 * (null: none) and the config version the cap comes from.
 */
public record SlotCaps(PermitKey permitKey, Integer cap, long configVersion) {
}
