package dev.byok.configservice.keys;

import java.util.List;

/**
 * What a re-wrap did: how many stored keys moved to the primary key (and of those, how many were of
 * the older format and are now bound to their slot's provider and origin), how many already were
 * current, and which could not be opened (those slots need their key saved again). The primary key
 * is named by its opaque id, never by a KMS ARN.
 */
public record RewrapReport(String primaryKeyId, int orgsScanned, int rewrapped, int rebound, int alreadyCurrent,
        List<Failure> failed) {

    public RewrapReport {
        failed = List.copyOf(failed);
    }

    public record Failure(String orgId, String slot, String reason) {
    }
}
