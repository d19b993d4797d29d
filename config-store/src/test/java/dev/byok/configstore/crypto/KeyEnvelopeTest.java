package dev.byok.configstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.model.EncryptedKey;
import dev.byok.model.Slot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEnvelopeTest {

    private static final KeyContext ACME_MAIN = new KeyContext("acme", Slot.MAIN);

    @TempDir
    Path dir;

    @Test
    void aSealedKeyOpensAgainAndHoldsNoTraceOfThePlaintext() {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")));
        String apiKey = "sk-test-0123456789abcdef";

        EncryptedKey sealed = envelope.seal(apiKey, ACME_MAIN);

        assertThat(envelope.open(sealed, ACME_MAIN)).isEqualTo(apiKey);
        String stored = sealed.toString();
        assertThat(stored).doesNotContain(apiKey, Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8)));
        assertThat(sealed.wrappingKeyId()).startsWith("local:");
    }

    @Test
    void everySealUsesAFreshDataKey() {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")));

        EncryptedKey first = envelope.seal("same-key-value", ACME_MAIN);
        EncryptedKey second = envelope.seal("same-key-value", ACME_MAIN);

        assertThat(first.wrappedDataKey()).isNotEqualTo(second.wrappedDataKey());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void aCiphertextMovedToAnotherOrgOrSlotDoesNotOpen() {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")));
        EncryptedKey sealed = envelope.seal("sk-test-0123456789abcdef", ACME_MAIN);

        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("evil", Slot.MAIN)))
                .isInstanceOf(KeyUnavailableException.class).hasMessageNotContaining("sk-test");
        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("acme", Slot.FALLBACK)))
                .isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void anotherMasterKeyFailsClosedAndSaysWhichKeyIsNeeded() {
        EncryptedKey sealed = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("a.key")))
                .seal("sk-test-0123456789abcdef", ACME_MAIN);
        KeyEnvelope other = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("b.key")));

        assertThatThrownBy(() -> other.open(sealed, ACME_MAIN)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining(sealed.wrappingKeyId()).hasMessageContaining("BYOK_MASTER_KEY_FILE");
    }

    @Test
    void aTamperedCiphertextFailsClosed() {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")));
        EncryptedKey sealed = envelope.seal("sk-test-0123456789abcdef", ACME_MAIN);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[0] ^= 1;
        EncryptedKey tampered = new EncryptedKey(sealed.algorithm(), sealed.wrappingKeyId(), sealed.wrappedDataKey(),
                sealed.iv(), Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> envelope.open(tampered, ACME_MAIN)).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void theMasterKeyFileIsCreatedOnceWithOwnerOnlyPermissionsAndReused() throws IOException {
        Path file = dir.resolve("nested/dir/master.key");

        LocalMasterKeyWrapping first = LocalMasterKeyWrapping.fromFile(file);
        LocalMasterKeyWrapping second = LocalMasterKeyWrapping.fromFile(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(second.keyId()).isEqualTo(first.keyId());
    }
}
