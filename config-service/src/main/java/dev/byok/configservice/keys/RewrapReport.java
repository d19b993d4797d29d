package dev.byok.configservice.keys;

import java.util.List;

/**
 * What a re-wrap did: how many stored keys moved to the primary key, how many already were under
 * it, and which could not be opened (those slots need their key saved again).
 */
public record RewrapReport(String primaryKeyId, int orgsScanned, int rewrapped, int alreadyCurrent,
        List<Failure> failed) {

    public RewrapReport {
        failed = List.copyOf(failed);
    }

    public record Failure(String orgId, String slot, String reason) {
    }
}
