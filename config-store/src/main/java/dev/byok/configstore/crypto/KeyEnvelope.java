package dev.byok.configstore.crypto;

import dev.byok.model.EncryptedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals an API key for storage and opens it again, only in memory and only when a call needs it.
 * Each seal uses a fresh data key from {@link KeyWrapping}, and binds the key to its
 * {@link KeyContext}: org, slot, provider and origin.
 *
 * <p>Two formats exist. {@link #BOUND} (the only one written) binds all four; {@link #UNBOUND}, the
 * format before it, bound org and slot only, so such a key would open for a record that names
 * another host. Unbound keys are opened only while the deployment accepts them
 * ({@code BYOK_ACCEPT_UNBOUND_KEYS}, during the rollout), and {@link #migrate} turns each into a
 * bound one (README, "Rotating").
 */
public final class KeyEnvelope {

    /** Org, slot, provider and origin bound in. */
    static final String BOUND = "AES-256-GCM+wrapped-data-key/v2";
    /** Org and slot only: the format before keys were bound to their endpoint. */
    static final String UNBOUND = "AES-256-GCM+wrapped-data-key/v1";

    private final KeyWrapping wrapping;
    private final boolean acceptUnbound;

    /** @param acceptUnbound whether keys of the older, unbound format may still be opened for calls */
    public KeyEnvelope(KeyWrapping wrapping, boolean acceptUnbound) {
        this.wrapping = wrapping;
        this.acceptUnbound = acceptUnbound;
    }

    /** @param context a bound context: the org, slot, provider and origin the key is for */
    public EncryptedKey seal(String apiKey, KeyContext context) {
        if (!context.bound()) {
            throw new IllegalArgumentException("a key is sealed for a provider and an origin");
        }
        return sealWith(BOUND, apiKey, context);
    }

    /** The key new keys are wrapped with, by its opaque id (it names no KMS ARN). */
    public String primaryKeyId() {
        return KeyIds.opaque(wrapping.primaryKeyId());
    }

    /** Whether {@code key} is stored the way a key saved now would be: bound, and wrapped by the primary key. */
    public boolean isCurrent(EncryptedKey key) {
        return BOUND.equals(key.algorithm()) && wrapping.primaryKeyId().equals(key.wrappingKeyId());
    }

    /**
     * The same key, stored the current way for {@code context}: a bound key wrapped by another key
     * gets its data key re-wrapped by the primary key (the API key is not decrypted); an unbound key
     * is opened with its older context and sealed anew, bound to {@code context}, which must be the
     * one of the slot as it is stored now.
     */
    public EncryptedKey migrate(EncryptedKey key, KeyContext context) {
        if (UNBOUND.equals(key.algorithm())) {
            return seal(openAs(key, context.unbound()), context);
        }
        return rewrap(key, context);
    }

    private EncryptedKey rewrap(EncryptedKey key, KeyContext context) {
        checkAlgorithm(key);
        byte[] dataKey = wrapping.unwrap(key.wrappingKeyId(), Base64.getDecoder().decode(key.wrappedDataKey()), context);
        try {
            DataKey rewrapped = wrapping.rewrap(dataKey, context);
            return new EncryptedKey(key.algorithm(), rewrapped.wrappingKeyId(),
                    Base64.getEncoder().encodeToString(rewrapped.wrapped()), key.iv(), key.ciphertext());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The key in plaintext, for one call to the provider and origin of {@code context}.
     *
     * @throws KeyUnavailableException when the key cannot be decrypted for this context: callers fail closed
     */
    public String open(EncryptedKey key, KeyContext context) {
        checkAlgorithm(key);
        if (UNBOUND.equals(key.algorithm())) {
            if (!acceptUnbound) {
                throw new KeyUnavailableException("the stored key predates keys bound to their endpoint and this "
                        + "deployment no longer opens such keys; an operator must re-wrap stored keys "
                        + "(POST /api/v1/admin/keys/rewrap), or save the key again");
            }
            return openAs(key, context.unbound());
        }
        if (!context.bound()) {
            throw new KeyUnavailableException("the stored key is bound to an endpoint that was not named");
        }
        return openAs(key, context);
    }

    private String openAs(EncryptedKey key, KeyContext context) {
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
            throw new KeyUnavailableException("the stored key does not belong to this org, slot and endpoint or was "
                    + "altered", e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    /** Seals with the format the caller names; only tests write the older format, to test its migration. */
    EncryptedKey sealWith(String algorithm, String apiKey, KeyContext context) {
        DataKey dataKey = wrapping.generateDataKey(context);
        try {
            byte[] sealed = AesGcm.seal(dataKey.plaintext(), apiKey.getBytes(StandardCharsets.UTF_8),
                    context.associatedData());
            Base64.Encoder b64 = Base64.getEncoder();
            return new EncryptedKey(algorithm, dataKey.wrappingKeyId(), b64.encodeToString(dataKey.wrapped()),
                    b64.encodeToString(Arrays.copyOf(sealed, 12)),
                    b64.encodeToString(Arrays.copyOfRange(sealed, 12, sealed.length)));
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    private static void checkAlgorithm(EncryptedKey key) {
        if (key == null || !(BOUND.equals(key.algorithm()) || UNBOUND.equals(key.algorithm()))) {
            throw new KeyUnavailableException("the stored key uses an unknown encryption format");
        }
    }
}
