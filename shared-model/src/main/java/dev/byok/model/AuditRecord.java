package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One change of an org's BYOK config, on {@code byok.audit} (keyed by orgId, kept for the topic's
 * retention, never compacted). It says who changed what and when; of the key only that it changed
 * and its new hint, never the key or its ciphertext.
 *
 * @param auditId the id of the config write it describes (the config record's {@code writeId})
 * @param actor the subject ({@code sub}) of the token that made the change
 * @param slot {@code main} or {@code fallback}; null for a change of the whole org
 * @param configVersion the org's config version after the change
 * @param changes the non-secret fields that changed, each with its value before and after
 * @param key what happened to the stored key, if anything
 */
public record AuditRecord(
        int schemaVersion,
        String auditId,
        String orgId,
        AuditAction action,
        @JsonInclude(JsonInclude.Include.NON_NULL) String slot,
        String actor,
        Instant at,
        long configVersion,
        List<FieldChange> changes,
        @JsonInclude(JsonInclude.Include.NON_NULL) KeyChange key) {

    public static final int SCHEMA_VERSION = 1;

    public AuditRecord {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** What kind of change an audit record is about. */
    public enum AuditAction {
        SLOT_SAVED,
        SLOT_DELETED,
        KEY_REWRAPPED,
        BUDGET_CHANGED
    }

    /**
     * A field of a slot's settings, by its path (for example {@code model} or {@code openRouter.order}),
     * with its JSON value before and after; a side the field did not have is left out.
     */
    public record FieldChange(String field, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode before,
            @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode after) {
    }

    /**
     * What happened to the stored key: {@code SET} (a slot's first key), {@code REPLACED} (the user
     * sent a new one), {@code REMOVED} (the slot was deleted) or {@code REWRAPPED} (the same key,
     * its data key wrapped anew); {@code hint} is the key's hint after the change.
     */
    public record KeyChange(String change, @JsonInclude(JsonInclude.Include.NON_NULL) String hint) {
    }
}
