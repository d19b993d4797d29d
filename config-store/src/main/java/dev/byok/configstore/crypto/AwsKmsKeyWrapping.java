package dev.byok.configstore.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
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
 * worker does not call KMS for every review. Wrapped keys are named {@code kms:<key ARN>}, the ARN
 * KMS reports; the configured key may also be given as a bare key id or an alias, and is resolved to
 * its ARN (DescribeKey, once) when its id is first asked for, so a key wrapped under the primary key
 * is recognised as such whatever form the operator configured.
 *
 * <p>Failures of KMS come in two kinds: {@link KeyUnavailableException} when KMS refused (wrong key,
 * wrong context, disabled key, no permission): waiting does not help; and
 * {@link KeyServiceUnavailableException} when KMS could not answer (network, timeout, throttling, a
 * 5xx): the same call may work a moment later.
 */
public final class AwsKmsKeyWrapping implements KeyWrapping {

    static final String PREFIX = "kms:";
    /** KMS error codes that say "not now" rather than "no". */
    private static final Set<String> TRANSIENT_CODES = Set.of("ThrottlingException", "KMSInternalException",
            "DependencyTimeoutException", "KeyUnavailableException");

    private final KmsClient kms;
    private final String keyId;
    private final DataKeyCache cache;
    private volatile String primaryArn;

    /**
     * @param keyId the KMS key new data keys are made under (id, ARN or alias)
     */
    public AwsKmsKeyWrapping(KmsClient kms, String keyId, DataKeyCache cache) {
        this.kms = kms;
        this.keyId = keyId;
        this.cache = cache;
        this.primaryArn = isKeyArn(keyId) ? keyId : null;
    }

    /** {@code kms:<ARN>} of the configured key, as ciphertexts name it. */
    @Override
    public String primaryKeyId() {
        String arn = primaryArn;
        if (arn == null) {
            try {
                arn = kms.describeKey(r -> r.keyId(keyId)).keyMetadata().arn();
            } catch (SdkException e) {
                throw failure("KMS could not describe the configured key (BYOK_KMS_KEY_ID)", e);
            }
            primaryArn = arn;
        }
        return PREFIX + arn;
    }

    @Override
    public boolean canUnwrap(String wrappingKeyId) {
        return wrappingKeyId != null && wrappingKeyId.startsWith(PREFIX);
    }

    @Override
    public DataKey generateDataKey(KeyContext context) {
        try {
            GenerateDataKeyResponse response = kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(context.encryptionContext()));
            return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray(),
                    PREFIX + response.keyId());
        } catch (SdkException e) {
            throw failure("KMS could not make a data key with the configured key (BYOK_KMS_KEY_ID)", e);
        }
    }

    @Override
    public DataKey rewrap(byte[] dataKey, KeyContext context) {
        try {
            EncryptResponse response = kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(dataKey))
                    .encryptionContext(context.encryptionContext()));
            return new DataKey(dataKey, response.ciphertextBlob().asByteArray(), PREFIX + response.keyId());
        } catch (SdkException e) {
            throw failure("KMS could not wrap a data key with the configured key (BYOK_KMS_KEY_ID)", e);
        }
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrappedDataKey, KeyContext context) {
        // The whole context is part of the cache key: a data key opened for one org, slot, provider
        // and origin is never handed out for another, even from memory.
        String cacheKey = fingerprint(wrappedDataKey) + "|" + context.encryptionContext();
        byte[] cached = cache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        try {
            DecryptResponse response = kms.decrypt(r -> r.keyId(wrappingKeyId.substring(PREFIX.length()))
                    .ciphertextBlob(SdkBytes.fromByteBuffer(ByteBuffer.wrap(wrappedDataKey)))
                    .encryptionContext(context.encryptionContext()));
            byte[] dataKey = response.plaintext().asByteArray();
            cache.put(cacheKey, dataKey);
            return dataKey.clone();
        } catch (SdkException e) {
            if (isTransient(e)) {
                throw new KeyServiceUnavailableException("KMS could not decrypt the stored key right now ("
                        + describe(e) + "); it will be tried again", e);
            }
            throw new KeyUnavailableException("KMS refused to decrypt the stored key with " + KeyIds.opaque(wrappingKeyId)
                    + ": " + describe(e), e);
        }
    }

    /** Whether KMS could not answer (worth trying again), rather than refused. */
    static boolean isTransient(SdkException e) {
        if (e instanceof KmsException kmsError) {
            String code = kmsError.awsErrorDetails() == null ? null : kmsError.awsErrorDetails().errorCode();
            return kmsError.isThrottlingException() || kmsError.statusCode() >= 500 || TRANSIENT_CODES.contains(code);
        }
        return e instanceof SdkClientException || e.retryable();
    }

    private static RuntimeException failure(String what, SdkException e) {
        String message = what + ": " + describe(e);
        return isTransient(e) ? new KeyServiceUnavailableException(message, e) : new IllegalStateException(message, e);
    }

    private static boolean isKeyArn(String id) {
        return id.startsWith("arn:") && id.contains(":key/");
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
