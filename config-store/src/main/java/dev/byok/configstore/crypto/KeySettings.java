package dev.byok.configstore.crypto;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Which key-encryption keys a service holds (README, "Security"): with {@code kmsKeyId} set, KMS is
 * primary and the master key files (when present) only open what they wrapped before; otherwise
 * the master key file is primary. {@code previousMasterKeyFiles} are older master keys kept during
 * a rotation. AWS credentials come from the SDK's default chain (environment, profile, role).
 */
public record KeySettings(Path masterKeyFile, List<Path> previousMasterKeyFiles, String kmsKeyId, String kmsRegion,
        String kmsEndpoint, Duration dataKeyCacheTtl, int dataKeyCacheSize) {

    public KeySettings {
        previousMasterKeyFiles = previousMasterKeyFiles == null ? List.of() : List.copyOf(previousMasterKeyFiles);
        if (masterKeyFile == null && blank(kmsKeyId)) {
            throw new IllegalArgumentException("Set BYOK_MASTER_KEY_FILE or BYOK_KMS_KEY_ID: keys cannot be wrapped");
        }
    }

    public KeyEnvelope envelope(Clock clock) {
        return new KeyEnvelope(keyRing(clock));
    }

    KeyRing keyRing(Clock clock) {
        List<KeyWrapping> others = new ArrayList<>();
        KeyWrapping primary;
        if (!blank(kmsKeyId)) {
            primary = new AwsKmsKeyWrapping(kmsClient(), kmsKeyId.trim(),
                    new DataKeyCache(dataKeyCacheSize, dataKeyCacheTtl, clock));
            if (masterKeyFile != null && Files.exists(masterKeyFile)) {
                others.add(LocalMasterKeyWrapping.fromFiles(masterKeyFile, previousMasterKeyFiles));
            } else if (!previousMasterKeyFiles.isEmpty()) {
                others.add(LocalMasterKeyWrapping.fromFiles(previousMasterKeyFiles.getFirst(),
                        previousMasterKeyFiles.subList(1, previousMasterKeyFiles.size())));
            }
        } else {
            primary = LocalMasterKeyWrapping.fromFiles(masterKeyFile, previousMasterKeyFiles);
        }
        return new KeyRing(primary, others);
    }

    private KmsClient kmsClient() {
        KmsClientBuilder builder = KmsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(blank(kmsRegion) ? "us-east-1" : kmsRegion.trim()));
        if (!blank(kmsEndpoint)) {
            builder.endpointOverride(URI.create(kmsEndpoint.trim()));
        }
        return builder.build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
