package dev.byok.configservice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.byok.configstore.crypto.KeySettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of config-service (README, "Settings"). Checked when the service starts: a service
 * that cannot verify tokens or has nowhere to keep its master key must not come up at all.
 *
 * @param jwtSecret {@code BYOK_JWT_SECRET}: HS256 secret, at least 32 bytes of UTF-8
 * @param jwtJwksUri {@code BYOK_JWT_JWKS_URI}: verify RS256/ES256 tokens against this key set instead
 * @param masterKeyFile {@code BYOK_MASTER_KEY_FILE}: the key-wrapping key, created on first start
 * @param masterKeyPreviousFiles {@code BYOK_MASTER_KEY_PREVIOUS_FILES}: older master keys during a rotation
 * @param kmsKeyId {@code BYOK_KMS_KEY_ID}: wrap keys with this AWS KMS key instead of the master key file
 * @param kmsRegion {@code BYOK_KMS_REGION}: the KMS key's region
 * @param kmsEndpoint {@code BYOK_KMS_ENDPOINT}: another KMS endpoint (VPC endpoint, tests)
 * @param primaryKey {@code BYOK_PRIMARY_KEY}: {@code kms} or {@code file}; blank means KMS when a KMS key is set
 * @param egressAllow {@code BYOK_EGRESS_ALLOW}: hosts and CIDRs a baseUrl may reach although private
 * @param configPartitions partitions of the config topic when this service creates it
 * @param replicationFactor replication of the topics this service creates; 0 means the broker default
 * @param writeTimeout how long a PUT or DELETE may wait for the broker and for its own view
 * @param probeTimeout how long a probe of a provider may take
 * @param probesPerMinute probes allowed per org and minute on each instance
 * @param maxBodyBytes the largest request body read; larger ones get a 413
 */
@ConfigurationProperties("byok")
public record ConfigServiceProperties(
        String jwtSecret,
        String jwtJwksUri,
        Path masterKeyFile,
        @DefaultValue("") List<Path> masterKeyPreviousFiles,
        @DefaultValue("") String kmsKeyId,
        @DefaultValue("") String kmsRegion,
        @DefaultValue("") String kmsEndpoint,
        @DefaultValue("") String primaryKey,
        @DefaultValue("") String egressAllow,
        @DefaultValue("1") int configPartitions,
        @DefaultValue("0") short replicationFactor,
        @DefaultValue("10s") Duration writeTimeout,
        @DefaultValue("10s") Duration probeTimeout,
        @DefaultValue("10") int probesPerMinute,
        @DefaultValue("65536") long maxBodyBytes) {

    static final int MIN_SECRET_BYTES = 32;

    /** The keys this service wraps new API keys with, and opens old ones with. */
    public KeySettings keySettings() {
        return new KeySettings(masterKeyFile, masterKeyPreviousFiles, kmsKeyId, kmsRegion, kmsEndpoint,
                Duration.ofMinutes(5), 1000, primaryKey);
    }

    public ConfigServiceProperties {
        boolean hasJwks = jwtJwksUri != null && !jwtJwksUri.isBlank();
        boolean hasSecret = jwtSecret != null && !jwtSecret.isEmpty();
        if (!hasJwks && !hasSecret) {
            throw new IllegalArgumentException("Set BYOK_JWT_SECRET (HS256, at least " + MIN_SECRET_BYTES
                    + " bytes) or BYOK_JWT_JWKS_URI: config-service does not run without a way to verify tokens");
        }
        if (!hasJwks && jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("BYOK_JWT_SECRET must be at least " + MIN_SECRET_BYTES
                    + " bytes long; a shorter HS256 secret can be brute-forced");
        }
        if (masterKeyFile == null && kmsKeyId.isBlank()) {
            throw new IllegalArgumentException("Set BYOK_MASTER_KEY_FILE or BYOK_KMS_KEY_ID");
        }
        if (configPartitions < 1) {
            throw new IllegalArgumentException("byok.config-partitions must be at least 1");
        }
    }
}
