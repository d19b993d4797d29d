package dev.byok.configstore.crypto;

import java.util.List;

/**
 * Every key-encryption key a service holds: the primary one wraps new keys, and any of them opens
 * the data keys it wrapped, chosen by the id the ciphertext names. This is what lets a deployment
 * rotate from one master key to another, or from a key file to KMS, while reviews keep running.
 */
public final class KeyRing implements KeyWrapping {

    private final KeyWrapping primary;
    private final List<KeyWrapping> all;

    public KeyRing(KeyWrapping primary, List<KeyWrapping> others) {
        this.primary = primary;
        this.all = java.util.stream.Stream.concat(java.util.stream.Stream.of(primary), others.stream()).toList();
    }

    @Override
    public String primaryKeyId() {
        return primary.primaryKeyId();
    }

    @Override
    public boolean canUnwrap(String wrappingKeyId) {
        return all.stream().anyMatch(w -> w.canUnwrap(wrappingKeyId));
    }

    @Override
    public DataKey generateDataKey(KeyContext context) {
        return primary.generateDataKey(context);
    }

    @Override
    public DataKey rewrap(byte[] dataKey, KeyContext context) {
        return primary.rewrap(dataKey, context);
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrappedDataKey, KeyContext context) {
        for (KeyWrapping wrapping : all) {
            if (wrapping.canUnwrap(wrappingKeyId)) {
                return wrapping.unwrap(wrappingKeyId, wrappedDataKey, context);
            }
        }
        throw new KeyUnavailableException("no configured key can open a key wrapped by " + KeyIds.opaque(wrappingKeyId)
                + " (check BYOK_MASTER_KEY_FILE, BYOK_MASTER_KEY_PREVIOUS_FILES and BYOK_KMS_KEY_ID)");
    }
}
