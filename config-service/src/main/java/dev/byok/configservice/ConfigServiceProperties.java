package dev.byok.configservice;

import java.nio.file.Path;
import dev.byok.configservice.security.SecretStrength;
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
 * @param jwtIssuer {@code BYOK_JWT_ISSUER}: the {@code iss} every token must carry; required with a key set
 * @param jwtAudiences {@code BYOK_JWT_AUDIENCE}: the {@code aud} values of which a token must carry one;
 *     required with a key set
 * @param jwtMaxLifetime the longest a token may be valid ({@code exp} minus {@code iat}); longer-lived
 *     tokens are refused
 * @param acceptUnboundKeys {@code BYOK_ACCEPT_UNBOUND_KEYS}: open keys stored before keys were bound to their
 *     provider and origin (only during the rollout of the binding)
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
 * @param auditPartitions partitions of the audit topic when this service creates it
 * @param auditRetention how long the audit topic keeps a change (when this service creates it)
 */
@ConfigurationProperties("byok")
public record ConfigServiceProperties(
        String jwtSecret,
        String jwtJwksUri,
        @DefaultValue("") String jwtIssuer,
        @DefaultValue("") List<String> jwtAudiences,
        @DefaultValue("24h") Duration jwtMaxLifetime,
        @DefaultValue("false") boolean acceptUnboundKeys,
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
        @DefaultValue("65536") long maxBodyBytes,
        @DefaultValue("1") int auditPartitions,
        @DefaultValue("400d") Duration auditRetention) {

    static final int MIN_SECRET_BYTES = 32;

    /** The keys this service wraps new API keys with, and opens old ones with. */
    public KeySettings keySettings() {
        return new KeySettings(masterKeyFile, masterKeyPreviousFiles, kmsKeyId, kmsRegion, kmsEndpoint,
                Duration.ofMinutes(5), 1000, primaryKey, acceptUnboundKeys);
    }

    public ConfigServiceProperties {
        boolean hasJwks = jwtJwksUri != null && !jwtJwksUri.isBlank();
        boolean hasSecret = jwtSecret != null && !jwtSecret.isEmpty();
        if (!hasJwks && !hasSecret) {
            throw new IllegalArgumentException("Set BYOK_JWT_SECRET (HS256, at least " + MIN_SECRET_BYTES
                    + " bytes) or BYOK_JWT_JWKS_URI: config-service does not run without a way to verify tokens");
        }
        if (!hasJwks) {
            SecretStrength.weakness(jwtSecret).ifPresent(weakness -> {
                throw new IllegalArgumentException("BYOK_JWT_SECRET is too weak: " + weakness + ". Make one with "
                        + "'openssl rand -hex 32'.");
            });
        }
        jwtAudiences = jwtAudiences == null ? List.of()
                : jwtAudiences.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
        if (hasJwks && (jwtIssuer == null || jwtIssuer.isBlank() || jwtAudiences.isEmpty())) {
            throw new IllegalArgumentException("With BYOK_JWT_JWKS_URI, set BYOK_JWT_ISSUER and BYOK_JWT_AUDIENCE too: "
                    + "a key set is usually shared by many applications, and only the issuer and the audience say a "
                    + "token was made for this one");
        }
        if (jwtMaxLifetime == null || jwtMaxLifetime.isNegative() || jwtMaxLifetime.isZero()) {
            throw new IllegalArgumentException("byok.jwt-max-lifetime must be positive");
        }
        if (masterKeyFile == null && kmsKeyId.isBlank()) {
            throw new IllegalArgumentException("Set BYOK_MASTER_KEY_FILE or BYOK_KMS_KEY_ID");
        }
        if (auditPartitions < 1) {
            throw new IllegalArgumentException("byok.audit-partitions must be at least 1");
        }
        if (auditRetention == null || auditRetention.isNegative() || auditRetention.isZero()) {
            throw new IllegalArgumentException("byok.audit-retention must be positive");
        }
        if (configPartitions < 1) {
            throw new IllegalArgumentException("byok.config-partitions must be at least 1");
        }
    }
}
