package dev.byok.localstack;

import dev.byok.model.EncryptedKey;
import dev.byok.model.Slot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stored keys as the version before origin binding wrote them ({@code AES-256-GCM+wrapped-data-key/v1}:
 * org and slot bound, not provider and origin), under a master key file: what a deployment that
 * upgrades finds on its config topic, so the rollout of the binding can be tested end to end. The
 * format is written out here on purpose, as the older version did it, not borrowed from the code
 * that reads it now.
 */
public final class LegacyKeyFormat {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LegacyKeyFormat() {
    }

    public static EncryptedKey seal(Path masterKeyFile, String apiKey, String orgId, Slot slot) {
        try {
            byte[] masterKey = Files.readAllBytes(masterKeyFile);
            byte[] associatedData = ("byok-review/v1|" + orgId + "|" + slot.wire()).getBytes(StandardCharsets.UTF_8);
            byte[] dataKey = new byte[32];
            RANDOM.nextBytes(dataKey);
            byte[] wrapped = gcm(masterKey, dataKey, associatedData);
            byte[] sealed = gcm(dataKey, apiKey.getBytes(StandardCharsets.UTF_8), associatedData);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(masterKey);
            Base64.Encoder b64 = Base64.getEncoder();
            return new EncryptedKey("AES-256-GCM+wrapped-data-key/v1", "local:" + HexFormat.of().formatHex(digest, 0, 8),
                    b64.encodeToString(wrapped), b64.encodeToString(Arrays.copyOf(sealed, 12)),
                    b64.encodeToString(Arrays.copyOfRange(sealed, 12, sealed.length)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** IV || ciphertext+tag, as AES-256-GCM with a random 96-bit IV. */
    private static byte[] gcm(byte[] key, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(iv, 12 + sealed.length);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return out;
    }
}
