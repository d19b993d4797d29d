package dev.byok.configstore.crypto;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Which key-encryption keys a service holds (README, "Security"): with {@code kmsKeyId} set, KMS is
 * primary and the master key files (when present) only open what they wrapped before; otherwise
 * the master key file is primary. {@code primaryKey} {@code file} keeps the master key file primary
 * although KMS is configured: KMS then only opens what it wrapped, which is how workers learn a new
 * KMS key before config-service starts wrapping with it. {@code previousMasterKeyFiles} are other
 * master keys that only open what they wrapped (older ones, or a new one not yet primary). AWS
 * credentials come from the SDK's default chain (environment, profile, role), and so does the
 * region when {@code kmsRegion} is blank.
 *
 * @param primaryKey {@code BYOK_PRIMARY_KEY}: {@code kms}, {@code file}, or blank for KMS when a KMS
 *     key is set and the file otherwise
 * @param acceptUnboundKeys {@code BYOK_ACCEPT_UNBOUND_KEYS}: whether keys stored before keys were bound to
 *     their provider and origin may still be opened for calls (only during the rollout of the binding)
 */
public record KeySettings(Path masterKeyFile, List<Path> previousMasterKeyFiles, String kmsKeyId, String kmsRegion,
        String kmsEndpoint, Duration dataKeyCacheTtl, int dataKeyCacheSize, String primaryKey,
        boolean acceptUnboundKeys) {

    public KeySettings {
        previousMasterKeyFiles = previousMasterKeyFiles == null ? List.of() : List.copyOf(previousMasterKeyFiles);
        primaryKey = blank(primaryKey) ? (blank(kmsKeyId) ? "file" : "kms") : primaryKey.trim().toLowerCase(
                java.util.Locale.ROOT);
        if (masterKeyFile == null && blank(kmsKeyId)) {
            throw new IllegalArgumentException("Set BYOK_MASTER_KEY_FILE or BYOK_KMS_KEY_ID: keys cannot be wrapped");
        }
        if (!primaryKey.equals("kms") && !primaryKey.equals("file")) {
            throw new IllegalArgumentException("BYOK_PRIMARY_KEY must be kms or file, not " + primaryKey);
        }
        if (primaryKey.equals("kms") && blank(kmsKeyId)) {
            throw new IllegalArgumentException("BYOK_PRIMARY_KEY=kms needs BYOK_KMS_KEY_ID");
        }
        if (primaryKey.equals("file") && masterKeyFile == null) {
            throw new IllegalArgumentException("BYOK_PRIMARY_KEY=file needs BYOK_MASTER_KEY_FILE");
        }
    }

    /** The settings before {@code BYOK_PRIMARY_KEY}: KMS primary when a KMS key is set. */
    public KeySettings(Path masterKeyFile, List<Path> previousMasterKeyFiles, String kmsKeyId, String kmsRegion,
            String kmsEndpoint, Duration dataKeyCacheTtl, int dataKeyCacheSize) {
        this(masterKeyFile, previousMasterKeyFiles, kmsKeyId, kmsRegion, kmsEndpoint, dataKeyCacheTtl,
                dataKeyCacheSize, null, false);
    }

    public KeyEnvelope envelope(Clock clock) {
        return new KeyEnvelope(keyRing(clock), acceptUnboundKeys);
    }

    KeyRing keyRing(Clock clock) {
        List<KeyWrapping> others = new ArrayList<>();
        KeyWrapping primary;
        if (primaryKey.equals("file")) {
            primary = LocalMasterKeyWrapping.fromFiles(masterKeyFile, previousMasterKeyFiles);
            if (!blank(kmsKeyId)) {
                others.add(kms(clock));
            }
        } else {
            primary = kms(clock);
            if (masterKeyFile != null && Files.exists(masterKeyFile)) {
                others.add(LocalMasterKeyWrapping.fromFiles(masterKeyFile, previousMasterKeyFiles));
            } else if (!previousMasterKeyFiles.isEmpty()) {
                others.add(LocalMasterKeyWrapping.fromFiles(previousMasterKeyFiles.getFirst(),
                        previousMasterKeyFiles.subList(1, previousMasterKeyFiles.size())));
            }
        }
        return new KeyRing(primary, others);
    }

    private AwsKmsKeyWrapping kms(Clock clock) {
        return new AwsKmsKeyWrapping(kmsClient(), kmsKeyId.trim(),
                new DataKeyCache(dataKeyCacheSize, dataKeyCacheTtl, clock));
    }

    /** Without {@code kmsRegion}, the SDK's default region chain (AWS_REGION, aws.region, profile, instance metadata). */
    KmsClient kmsClient() {
        KmsClientBuilder builder = KmsClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (!blank(kmsRegion)) {
            builder.region(Region.of(kmsRegion.trim()));
        }
        if (!blank(kmsEndpoint)) {
            builder.endpointOverride(URI.create(kmsEndpoint.trim()));
        }
        try {
            return builder.build();
        } catch (SdkClientException noRegion) {
            throw new IllegalStateException("Cannot tell which AWS region the KMS key is in: set "
                    + "BYOK_KMS_REGION (or AWS_REGION, or a region in the AWS profile)", noRegion);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
