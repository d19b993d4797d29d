/**
 * Envelope encryption of customer API keys. A key is sealed with a fresh AES-256-GCM data key; the
 * data key is wrapped by a key-encryption key behind {@link dev.byok.configstore.crypto.KeyWrapping}
 * (a local master key file today, a KMS key later). The org and slot are bound in as associated
 * data, so a ciphertext copied to another org or slot fails to open instead of decrypting.
 */
package dev.byok.configstore.crypto;
