package dev.byok.configstore.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * AWS KMS as the key-encryption key: a data key per write from GenerateDataKey, Decrypt on read,
 * always with an encryption context of org and slot, so a ciphertext moved to another org or slot
 * is refused by KMS itself. Unwrapped data keys are kept in a small expiring cache, so a busy
 * worker does not call KMS for every review. Wrapped keys are named {@code kms:<key ARN>}.
 */
public final class AwsKmsKeyWrapping implements KeyWrapping {

    static final String PREFIX = "kms:";

    private final KmsClient kms;
    private final String keyId;
    private final DataKeyCache cache;

    /**
     * @param keyId the KMS key new data keys are made under (id, ARN or alias)
     */
    public AwsKmsKeyWrapping(KmsClient kms, String keyId, DataKeyCache cache) {
        this.kms = kms;
        this.keyId = keyId;
        this.cache = cache;
    }

    @Override
    public String primaryKeyId() {
        return PREFIX + keyId;
    }

    @Override
    public boolean canUnwrap(String wrappingKeyId) {
        return wrappingKeyId != null && wrappingKeyId.startsWith(PREFIX);
    }

    @Override
    public DataKey generateDataKey(KeyContext context) {
        try {
            GenerateDataKeyResponse response = kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(encryptionContext(context)));
            return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray(),
                    PREFIX + response.keyId());
        } catch (SdkException e) {
            throw new IllegalStateException("KMS could not make a data key with " + keyId + ": " + describe(e), e);
        }
    }

    @Override
    public DataKey rewrap(byte[] dataKey, KeyContext context) {
        try {
            EncryptResponse response = kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(dataKey))
                    .encryptionContext(encryptionContext(context)));
            return new DataKey(dataKey, response.ciphertextBlob().asByteArray(), PREFIX + response.keyId());
        } catch (SdkException e) {
            throw new IllegalStateException("KMS could not wrap a data key with " + keyId + ": " + describe(e), e);
        }
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrappedDataKey, KeyContext context) {
        String cacheKey = fingerprint(wrappedDataKey) + "|" + context.orgId() + "|" + context.slot().wire();
        byte[] cached = cache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        try {
            DecryptResponse response = kms.decrypt(r -> r.keyId(wrappingKeyId.substring(PREFIX.length()))
                    .ciphertextBlob(SdkBytes.fromByteBuffer(ByteBuffer.wrap(wrappedDataKey)))
                    .encryptionContext(encryptionContext(context)));
            byte[] dataKey = response.plaintext().asByteArray();
            cache.put(cacheKey, dataKey);
            return dataKey.clone();
        } catch (KmsException e) {
            throw new KeyUnavailableException("KMS refused to decrypt the stored key with " + wrappingKeyId + ": "
                    + describe(e), e);
        } catch (SdkException e) {
            throw new KeyUnavailableException("KMS could not be reached to decrypt the stored key: " + describe(e), e);
        }
    }

    static Map<String, String> encryptionContext(KeyContext context) {
        return Map.of("byok:org", context.orgId(), "byok:slot", context.slot().wire());
    }

    private static String describe(SdkException e) {
        if (e instanceof KmsException kmsError && kmsError.awsErrorDetails() != null) {
            return kmsError.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    private static String fingerprint(byte[] wrapped) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wrapped));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
