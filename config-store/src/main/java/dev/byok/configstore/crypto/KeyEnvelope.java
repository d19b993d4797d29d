package dev.byok.configstore.crypto;

import dev.byok.model.EncryptedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals an API key for storage and opens it again, only in memory and only when a call needs it.
 * Each seal uses a fresh data key from {@link KeyWrapping}.
 */
public final class KeyEnvelope {

    static final String ALGORITHM = "AES-256-GCM+wrapped-data-key/v1";

    private final KeyWrapping wrapping;

    public KeyEnvelope(KeyWrapping wrapping) {
        this.wrapping = wrapping;
    }

    public EncryptedKey seal(String apiKey, KeyContext context) {
        DataKey dataKey = wrapping.generateDataKey(context);
        try {
            byte[] sealed = AesGcm.seal(dataKey.plaintext(), apiKey.getBytes(StandardCharsets.UTF_8),
                    context.associatedData());
            Base64.Encoder b64 = Base64.getEncoder();
            return new EncryptedKey(ALGORITHM, dataKey.wrappingKeyId(), b64.encodeToString(dataKey.wrapped()),
                    b64.encodeToString(Arrays.copyOf(sealed, 12)),
                    b64.encodeToString(Arrays.copyOfRange(sealed, 12, sealed.length)));
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    /** The key new keys are wrapped with; a stored key under another one is due for {@link #rewrap}. */
    public String primaryKeyId() {
        return wrapping.primaryKeyId();
    }

    /**
     * The same key with its data key wrapped by the primary key. The ciphertext of the API key is
     * untouched: only the wrapping changes, so a rotation never handles a plaintext API key.
     */
    public EncryptedKey rewrap(EncryptedKey key, KeyContext context) {
        byte[] dataKey = wrapping.unwrap(key.wrappingKeyId(), Base64.getDecoder().decode(key.wrappedDataKey()), context);
        try {
            DataKey rewrapped = wrapping.rewrap(dataKey, context);
            return new EncryptedKey(key.algorithm(), rewrapped.wrappingKeyId(),
                    Base64.getEncoder().encodeToString(rewrapped.wrapped()), key.iv(), key.ciphertext());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** @throws KeyUnavailableException when the key cannot be decrypted: callers fail closed */
    public String open(EncryptedKey key, KeyContext context) {
        if (key == null || !ALGORITHM.equals(key.algorithm())) {
            throw new KeyUnavailableException("the stored key uses an unknown encryption format");
        }
        byte[] dataKey = null;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            dataKey = wrapping.unwrap(key.wrappingKeyId(), b64.decode(key.wrappedDataKey()), context);
            byte[] iv = b64.decode(key.iv());
            byte[] ciphertext = b64.decode(key.ciphertext());
            byte[] ivAndSealed = Arrays.copyOf(iv, iv.length + ciphertext.length);
            System.arraycopy(ciphertext, 0, ivAndSealed, iv.length, ciphertext.length);
            return new String(AesGcm.open(dataKey, ivAndSealed, context.associatedData()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badBase64) {
            throw new KeyUnavailableException("the stored key is not valid base64", badBase64);
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("the stored key does not belong to this org and slot or was altered", e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }
}
