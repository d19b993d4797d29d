package dev.byok.configstore.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a wrapping key is named where people read it (error messages, outcomes, logs, reports): by
 * an opaque id, never by the KMS key's ARN, which names the AWS account, region and key. A master
 * key file is already named by a fingerprint ({@code local:<hex>}) and stays as it is.
 */
public final class KeyIds {

    private KeyIds() {
    }

    public static String opaque(String wrappingKeyId) {
        if (wrappingKeyId == null) {
            return "unknown";
        }
        if (wrappingKeyId.startsWith(AwsKmsKeyWrapping.PREFIX)) {
            return AwsKmsKeyWrapping.PREFIX + fingerprint(wrappingKeyId.substring(AwsKmsKeyWrapping.PREFIX.length()));
        }
        if (wrappingKeyId.startsWith(LocalMasterKeyWrapping.PREFIX)) {
            return wrappingKeyId;
        }
        return "key:" + fingerprint(wrappingKeyId);
    }

    private static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
