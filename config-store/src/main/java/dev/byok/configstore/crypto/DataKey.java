package dev.byok.configstore.crypto;

/**
 * A fresh data key: {@code plaintext} seals one API key and is then forgotten; {@code wrapped} is
 * stored beside the ciphertext and only {@code wrappingKeyId} can open it again.
 */
public record DataKey(byte[] plaintext, byte[] wrapped, String wrappingKeyId) {
}
