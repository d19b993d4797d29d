package dev.byok.configstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.localstack.LocalKms;
import dev.byok.model.EncryptedKey;
import dev.byok.model.ProviderId;
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

    private static final String ORIGIN = "https://api.openai.com:443";
    private static final KeyContext ACME_MAIN = new KeyContext("acme", Slot.MAIN, ProviderId.OPENAI, ORIGIN);
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

        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("evil", Slot.MAIN, ProviderId.OPENAI, ORIGIN)))
                .isInstanceOf(KeyUnavailableException.class).hasMessageContaining("InvalidCiphertextException");
        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("acme", Slot.FALLBACK, ProviderId.OPENAI, ORIGIN)))
                .isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void kmsRefusesAKeyForAnotherOriginEvenAfterItsDataKeyWasCached() {
        KeyEnvelope envelope = settings(null).envelope(Clock.systemUTC());
        EncryptedKey sealed = envelope.seal("sk-test-kms-0123456789", ACME_MAIN);
        envelope.open(sealed, ACME_MAIN);

        assertThatThrownBy(() -> envelope.open(sealed, new KeyContext("acme", Slot.MAIN, ProviderId.OPENAI,
                "https://evil.example.com:443"))).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("InvalidCiphertextException").hasMessageNotContaining(keyArn);
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
        KeyEnvelope local = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(masterKey), false);
        EncryptedKey underFile = local.seal("sk-test-rotate-0123456789", ACME_MAIN);
        KeyEnvelope rotated = settings(masterKey).envelope(Clock.systemUTC());

        EncryptedKey underKms = rotated.migrate(underFile, ACME_MAIN);

        assertThat(underFile.wrappingKeyId()).startsWith("local:");
        assertThat(underKms.wrappingKeyId()).isEqualTo("kms:" + keyArn);
        assertThat(rotated.isCurrent(underKms)).isTrue();
        assertThat(rotated.isCurrent(underFile)).isFalse();
        assertThat(underKms.ciphertext()).isEqualTo(underFile.ciphertext());
        assertThat(rotated.open(underFile, ACME_MAIN)).isEqualTo("sk-test-rotate-0123456789");
        assertThat(rotated.open(underKms, ACME_MAIN)).isEqualTo("sk-test-rotate-0123456789");
    }

    @Test
    void aRotatedMasterKeyFileStillOpensWhatThePreviousOneWrapped() {
        Path oldKey = dir.resolve("old.key");
        Path newKey = dir.resolve("new.key");
        EncryptedKey underOld = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(oldKey), false).seal("sk-test-old-0123", ACME_MAIN);
        KeyEnvelope ring = new KeyEnvelope(LocalMasterKeyWrapping.fromFiles(newKey, List.of(oldKey)), false);

        EncryptedKey underNew = ring.migrate(underOld, ACME_MAIN);
        KeyEnvelope newOnly = new KeyEnvelope(LocalMasterKeyWrapping.fromFile(newKey), false);

        assertThat(underNew.wrappingKeyId()).isEqualTo(LocalMasterKeyWrapping.idOfFile(newKey));
        assertThat(newOnly.open(underNew, ACME_MAIN)).isEqualTo("sk-test-old-0123");
        assertThatThrownBy(() -> newOnly.open(underOld, ACME_MAIN)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("BYOK_MASTER_KEY_PREVIOUS_FILES");
    }

    @Test
    void aKeyConfiguredByAliasOrBareIdIsKnownByItsArnSoARewrapSeesItsKeysAsCurrent() {
        kms.createAlias("alias/byok-review-test", keyArn);
        String bareId = keyArn.substring(keyArn.lastIndexOf('/') + 1);
        for (String configured : List.of("alias/byok-review-test", bareId, keyArn)) {
            KeyEnvelope envelope = settings(null, configured, "us-east-1").envelope(Clock.systemUTC());

            EncryptedKey sealed = envelope.seal("sk-test-alias-0123456789", ACME_MAIN);

            assertThat(sealed.wrappingKeyId()).as(configured).isEqualTo("kms:" + keyArn);
            assertThat(envelope.isCurrent(sealed)).as(configured).isTrue();
            assertThat(envelope.primaryKeyId()).as("named without its ARN").startsWith("kms:")
                    .doesNotContain("arn:", "aws", keyArn.substring(keyArn.lastIndexOf('/') + 1));
        }
    }

    @Test
    void eachWriteAsksKmsForExactlyOneDataKeyAndNothingElse() {
        KeyEnvelope envelope = settings(null).envelope(Clock.systemUTC());
        long generated = kms.calls("GenerateDataKey");
        long encrypted = kms.calls("Encrypt");
        long decrypted = kms.calls("Decrypt");

        for (int i = 0; i < 5; i++) {
            envelope.seal("sk-test-write-" + i + "-0123456789", ACME_MAIN);
        }

        assertThat(kms.calls("GenerateDataKey") - generated).isEqualTo(5);
        assertThat(kms.calls("Encrypt") - encrypted).isZero();
        assertThat(kms.calls("Decrypt") - decrypted).isZero();
    }

    @Test
    void withoutAConfiguredRegionTheSdksDefaultRegionChainDecides() {
        String before = System.getProperty("aws.region");
        System.setProperty("aws.region", "eu-central-2");
        try {
            settings(null, keyArn, "").envelope(Clock.systemUTC()).seal("sk-test-region-0123456789", ACME_MAIN);
            assertThat(kms.lastSigningRegion()).isEqualTo("eu-central-2");

            settings(null, keyArn, "ap-southeast-1").envelope(Clock.systemUTC()).seal("sk-test-region-0123", ACME_MAIN);
            assertThat(kms.lastSigningRegion()).as("a configured region wins").isEqualTo("ap-southeast-1");
        } finally {
            if (before == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", before);
            }
        }
    }

    @Test
    void aThrottledOrUnreachableKmsIsATransientFailureNotABrokenKey() {
        EncryptedKey sealed = settings(null).envelope(Clock.systemUTC()).seal("sk-test-transient-0123456789", ACME_MAIN);
        KeyEnvelope worker = settings(null).envelope(Clock.systemUTC());
        KeyEnvelope cutOff = new KeySettings(null, List.of(), keyArn, "us-east-1", "http://127.0.0.1:1",
                Duration.ofMinutes(5), 100).envelope(Clock.systemUTC());

        kms.throttle("Decrypt", 100);
        try {
            assertThatThrownBy(() -> worker.open(sealed, ACME_MAIN)).isInstanceOf(KeyServiceUnavailableException.class)
                    .hasMessageContaining("ThrottlingException").hasMessageNotContaining("sk-test");
        } finally {
            kms.throttle("Decrypt", 0);
        }
        assertThatThrownBy(() -> cutOff.open(sealed, ACME_MAIN)).isInstanceOf(KeyServiceUnavailableException.class);
        assertThat(worker.open(sealed, ACME_MAIN)).as("once KMS answers again").isEqualTo("sk-test-transient-0123456789");
        assertThatThrownBy(() -> worker.open(sealed, new KeyContext("evil", Slot.MAIN, ProviderId.OPENAI, ORIGIN)))
                .as("a refusal stays permanent").isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void withTheFileKeptPrimaryKmsOnlyOpensWhatItWrapped() {
        Path masterKey = dir.resolve("master.key");
        EncryptedKey underKms = settings(null).envelope(Clock.systemUTC()).seal("sk-test-reader-0123456789", ACME_MAIN);
        KeyEnvelope readerOfKms = new KeySettings(masterKey, List.of(), keyArn, "us-east-1", kms.endpoint(),
                Duration.ofMinutes(5), 100, "file", false).envelope(Clock.systemUTC());
        long generated = kms.calls("GenerateDataKey");

        EncryptedKey underFile = readerOfKms.seal("sk-test-reader-abcdefghij", ACME_MAIN);

        assertThat(readerOfKms.primaryKeyId()).isEqualTo(LocalMasterKeyWrapping.idOfFile(masterKey));
        assertThat(underFile.wrappingKeyId()).isEqualTo(readerOfKms.primaryKeyId());
        assertThat(readerOfKms.isCurrent(underFile)).isTrue();
        assertThat(kms.calls("GenerateDataKey")).isEqualTo(generated);
        assertThat(readerOfKms.open(underKms, ACME_MAIN)).isEqualTo("sk-test-reader-0123456789");
    }

    private static KeySettings settings(Path masterKeyFile, String keyId, String region) {
        return new KeySettings(masterKeyFile, List.of(), keyId, region, kms.endpoint(), Duration.ofMinutes(5), 100);
    }

    private static KeySettings settings(Path masterKeyFile) {
        return new KeySettings(masterKeyFile, List.of(), keyArn, "us-east-1", kms.endpoint(), Duration.ofMinutes(5),
                100);
    }
}
