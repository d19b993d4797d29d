package dev.byok.configstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.localstack.LocalKms;
import dev.byok.model.EncryptedKey;
import dev.byok.model.Slot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KMS through the real AWS SDK v2, against a local endpoint that speaks the KMS JSON protocol. */
class AwsKmsKeyWrappingTest {

    private static final KeyContext ACME_MAIN = new KeyContext("acme", Slot.MAIN);
    private static LocalKms kms;
    private static String keyArn;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        kms = LocalKms.start();
        keyArn = kms.createKey();
    }

    @AfterAll
    static void stop() {
        kms.close();
    }

    @Test
    void aKeySealedUnderKmsOpensAgainAndNamesItsKmsKey() {
        KeyEnvelope envelope = settings(null).envelope(Clock.systemUTC());

        EncryptedKey sealed = envelope.seal("sk-test-kms-0123456789", ACME_MAIN);

        assertThat(sealed.wrappingKeyId()).isEqualTo("kms:" + keyArn);
        assertThat(envelope.open(sealed, ACME_MAIN)).isEqualTo("sk-test-kms-0123456789");
    }

    @Test
    void kmsRefusesACiphertextMovedToAnotherOrgOrSlot() {
        KeyEnvelope envelope = settings(null).envelope(Clock.systemUTC());
        EncryptedKey sealed = envelope.seal("sk-test-kms-0123456789", ACME_MAIN);

        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("evil", Slot.MAIN)))
                .isInstanceOf(KeyUnavailableException.class).hasMessageContaining("InvalidCiphertextException");
        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("acme", Slot.FALLBACK)))
                .isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void unwrappedDataKeysAreCachedForAWhileAndThenAskedForAgain() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T12:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        KeyEnvelope envelope = settings(null).envelope(clock);
        EncryptedKey sealed = envelope.seal("sk-test-kms-0123456789", ACME_MAIN);
        long before = kms.calls("Decrypt");

        for (int i = 0; i < 5; i++) {
            envelope.open(sealed, ACME_MAIN);
        }
        now.set(now.get().plus(Duration.ofMinutes(6)));
        envelope.open(sealed, ACME_MAIN);

        assertThat(kms.calls("Decrypt") - before).isEqualTo(2);
    }

    @Test
    void aKeyWrappedByAMasterKeyFileMovesToKmsWithoutTouchingItsCiphertext() {
        Path masterKey = dir.resolve("master.key");
        KeyEnvelope local = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(masterKey));
        EncryptedKey underFile = local.seal("sk-test-rotate-0123456789", ACME_MAIN);
        KeyEnvelope rotated = settings(masterKey).envelope(Clock.systemUTC());

        EncryptedKey underKms = rotated.rewrap(underFile, ACME_MAIN);

        assertThat(underFile.wrappingKeyId()).startsWith("local:");
        assertThat(underKms.wrappingKeyId()).isEqualTo(rotated.primaryKeyId()).startsWith("kms:");
        assertThat(underKms.ciphertext()).isEqualTo(underFile.ciphertext());
        assertThat(rotated.open(underFile, ACME_MAIN)).isEqualTo("sk-test-rotate-0123456789");
        assertThat(rotated.open(underKms, ACME_MAIN)).isEqualTo("sk-test-rotate-0123456789");
    }

    @Test
    void aRotatedMasterKeyFileStillOpensWhatThePreviousOneWrapped() {
        Path oldKey = dir.resolve("old.key");
        Path newKey = dir.resolve("new.key");
        EncryptedKey underOld = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(oldKey)).seal("sk-test-old-0123", ACME_MAIN);
        KeyEnvelope ring = new KeyEnvelope(LocalMasterKeyWrapping.fromFiles(newKey, List.of(oldKey)));

        EncryptedKey underNew = ring.rewrap(underOld, ACME_MAIN);
        KeyEnvelope newOnly = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(newKey));

        assertThat(underNew.wrappingKeyId()).isEqualTo(LocalMasterKeyWrapping.idOfFile(newKey));
        assertThat(newOnly.open(underNew, ACME_MAIN)).isEqualTo("sk-test-old-0123");
        assertThatThrownBy(() -> newOnly.open(underOld, ACME_MAIN)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("BYOK_MASTER_KEY_PREVIOUS_FILES");
    }

    private static KeySettings settings(Path masterKeyFile) {
        return new KeySettings(masterKeyFile, List.of(), keyArn, "us-east-1", kms.endpoint(), Duration.ofMinutes(5),
                100);
    }
}
