package dev.byok.configstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.model.BaseUrls;
import dev.byok.model.EncryptedKey;
import dev.byok.model.ProviderId;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEnvelopeTest {

    private static final String ORIGIN = "https://api.openai.com:443";
    private static final KeyContext ACME_MAIN = new KeyContext("acme", Slot.MAIN, ProviderId.OPENAI, ORIGIN);

    @TempDir
    Path dir;

    @Test
    void aSealedKeyOpensAgainAndHoldsNoTraceOfThePlaintext() {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")), false);
        String apiKey = "sk-test-0123456789abcdef";

        EncryptedKey sealed = envelope.seal(apiKey, ACME_MAIN);

        assertThat(envelope.open(sealed, ACME_MAIN)).isEqualTo(apiKey);
        String stored = sealed.toString();
        assertThat(stored).doesNotContain(apiKey, Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8)));
        assertThat(sealed.wrappingKeyId()).startsWith("local:");
    }

    @Test
    void everySealUsesAFreshDataKey() {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")), false);

        EncryptedKey first = envelope.seal("same-key-value", ACME_MAIN);
        EncryptedKey second = envelope.seal("same-key-value", ACME_MAIN);

        assertThat(first.wrappedDataKey()).isNotEqualTo(second.wrappedDataKey());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void aCiphertextMovedToAnotherOrgOrSlotDoesNotOpen() {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")), false);
        EncryptedKey sealed = envelope.seal("sk-test-0123456789abcdef", ACME_MAIN);

        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("evil", Slot.MAIN, ProviderId.OPENAI, ORIGIN)))
                .isInstanceOf(KeyUnavailableException.class).hasMessageNotContaining("sk-test");
        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("acme", Slot.FALLBACK, ProviderId.OPENAI, ORIGIN)))
                .isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void anotherMasterKeyFailsClosedAndSaysWhichKeyIsNeeded() {
        EncryptedKey sealed = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("a.key")), false)
                .seal("sk-test-0123456789abcdef", ACME_MAIN);
        KeyEnvelope other = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("b.key")), false);

        assertThatThrownBy(() -> other.open(sealed, ACME_MAIN)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining(sealed.wrappingKeyId()).hasMessageContaining("BYOK_MASTER_KEY_FILE");
    }

    @Test
    void aTamperedCiphertextFailsClosed() {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")), false);
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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "openai, https://evil.example.com:443", "openai, https://api.openai.com:8443",
            "openai, http://api.openai.com:443", "anthropic, https://api.openai.com:443",
            "open_router, https://api.openai.com:443"})
    void aKeyDoesNotOpenForAnotherProviderOrOrigin(String provider, String origin) {
        KeyEnvelope envelope = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(dir.resolve("master.key")), true);
        EncryptedKey sealed = envelope.seal("sk-test-0123456789abcdef", ACME_MAIN);

        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("acme", Slot.MAIN, ProviderId.fromWire(provider),
                origin))).isInstanceOf(KeyUnavailableException.class).hasMessageNotContaining("sk-test");
        assertThatThrownBy(() -> envelope.open(sealed, ACME_MAIN.unbound()))
                .as("nor for a context that names no endpoint").isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void theContextOfASlotIsItsProviderAndTheOriginOfItsEffectiveBaseUrl() {
        SlotSettings settings = new SlotSettings(ProviderId.OPENAI, "gpt-5.4", null, null, null, null,
                ThinkingLevel.OFF, null, null, null, BaseUrls.effective(ProviderId.OPENAI, null));
        SlotSettings otherPath = new SlotSettings(ProviderId.OPENAI, "gpt-5.4", "https://API.openai.com/v2", null,
                null, null, ThinkingLevel.OFF, null, null, null, "https://API.openai.com/v2");

        assertThat(KeyContext.of("acme", Slot.MAIN, settings)).isEqualTo(ACME_MAIN);
        assertThat(KeyContext.of("acme", Slot.MAIN, otherPath)).as("the path is not part of the origin")
                .isEqualTo(ACME_MAIN);
    }

    @Test
    void aKeyOfTheOlderUnboundFormatOpensOnlyWhileTheDeploymentAcceptsIt() {
        LocalMasterKeyWrapping wrapping = LocalMasterKeyWrapping.fromFile(dir.resolve("master.key"));
        EncryptedKey legacy = new KeyEnvelope(wrapping, true).sealWith(KeyEnvelope.UNBOUND, "sk-legacy-0123456789",
                ACME_MAIN.unbound());

        assertThat(new KeyEnvelope(wrapping, true).open(legacy, ACME_MAIN)).isEqualTo("sk-legacy-0123456789");
        assertThatThrownBy(() -> new KeyEnvelope(wrapping, false).open(legacy, ACME_MAIN))
                .isInstanceOf(KeyUnavailableException.class).hasMessageContaining("re-wrap")
                .hasMessageNotContaining("sk-legacy");
    }

    @Test
    void migratingAnUnboundKeyBindsItToTheSlotsEndpointEvenWhereUnboundKeysAreRefused() {
        LocalMasterKeyWrapping wrapping = LocalMasterKeyWrapping.fromFile(dir.resolve("master.key"));
        KeyEnvelope strict = new KeyEnvelope(wrapping, false);
        EncryptedKey legacy = strict.sealWith(KeyEnvelope.UNBOUND, "sk-legacy-0123456789", ACME_MAIN.unbound());

        EncryptedKey bound = strict.migrate(legacy, ACME_MAIN);

        assertThat(strict.isCurrent(legacy)).isFalse();
        assertThat(strict.isCurrent(bound)).isTrue();
        assertThat(strict.open(bound, ACME_MAIN)).isEqualTo("sk-legacy-0123456789");
        assertThatThrownBy(() -> strict.open(bound, new KeyContext("acme", Slot.MAIN, ProviderId.OPENAI,
                "https://evil.example.com:443"))).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void anExistingMasterKeyFileOpenToOtherUsersIsRefused() throws IOException {
        Path file = dir.resolve("master.key");
        LocalMasterKeyWrapping.fromFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> LocalMasterKeyWrapping.fromFile(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rw-r--r--").hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Path previous = dir.resolve("previous.key");
        Files.write(previous, new byte[32]);
        Files.setPosixFilePermissions(previous, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> LocalMasterKeyWrapping.fromFiles(file, java.util.List.of(previous)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("previous.key");
    }
}
