package dev.byok.configservice.audit;

import dev.byok.model.AuditRecord;
import dev.byok.model.AuditRecord.FieldChange;
import dev.byok.model.AuditRecord.KeyChange;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.StoredSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * What a config write changed in one slot, in the words of an audit record: each settings field that
 * differs, with both values, and what happened to the key. Secret material never gets here: only the
 * settings (which hold no key) are compared field by field; of the key only the ciphertext's identity
 * and the hint are looked at.
 */
public final class AuditDiff {

    private AuditDiff() {
    }

    /** The changed fields of {@code slot} between two configs of an org, in field order. */
    public static List<FieldChange> fields(Optional<OrgConfigChanged> before, OrgConfigChanged after, Slot slot) {
        Map<String, JsonNode> was = flatten(settings(before.map(c -> c.slot(slot)).orElse(null)));
        Map<String, JsonNode> now = flatten(settings(after.slot(slot)));
        List<FieldChange> changes = new ArrayList<>();
        TreeSet<String> fields = new TreeSet<>(was.keySet());
        fields.addAll(now.keySet());
        for (String field : fields) {
            JsonNode b = was.get(field);
            JsonNode a = now.get(field);
            if (!Objects.equals(b, a)) {
                changes.add(new FieldChange(field, b, a));
            }
        }
        return changes;
    }

    /**
     * What happened to the key of {@code slot}, or null if it is the same key, stored the same way. A
     * re-wrap keeps the key and changes only how it is stored; any other new ciphertext is a new key.
     */
    public static KeyChange key(Optional<OrgConfigChanged> before, OrgConfigChanged after, Slot slot,
            AuditRecord.AuditAction action) {
        StoredSlot was = before.map(c -> c.slot(slot)).orElse(null);
        StoredSlot now = after.slot(slot);
        boolean had = was != null && was.key() != null;
        boolean has = now != null && now.key() != null;
        if (!had && !has) {
            return null;
        }
        if (!has) {
            return new KeyChange("REMOVED", null);
        }
        if (!had) {
            return new KeyChange("SET", now.keyHint());
        }
        if (Objects.equals(was.key(), now.key())) {
            return null;
        }
        return new KeyChange(action == AuditRecord.AuditAction.KEY_REWRAPPED ? "REWRAPPED" : "REPLACED", now.keyHint());
    }

    /**
     * An audit record of one change; {@code action} says what the caller did: to one slot, or to the
     * org's budget ({@code slot} null), whose fields are listed as {@code budget.<field>}.
     */
    public static AuditRecord record(String auditId, String actor, AuditRecord.AuditAction action, Slot slot,
            Optional<OrgConfigChanged> before, OrgConfigChanged after) {
        if (slot == null) {
            return new AuditRecord(AuditRecord.SCHEMA_VERSION, auditId, after.orgId(), action, null, actor,
                    after.changedAt(), after.version(), budgetFields(before, after), null);
        }
        return new AuditRecord(AuditRecord.SCHEMA_VERSION, auditId, after.orgId(), action, slot.wire(), actor,
                after.changedAt(), after.version(), fields(before, after, slot), key(before, after, slot, action));
    }

    static List<FieldChange> budgetFields(Optional<OrgConfigChanged> before, OrgConfigChanged after) {
        Map<String, JsonNode> was = new TreeMap<>();
        before.map(OrgConfigChanged::budget).ifPresent(b -> walk("budget", Json.lenient().valueToTree(b), was));
        Map<String, JsonNode> now = new TreeMap<>();
        if (after.budget() != null) {
            walk("budget", Json.lenient().valueToTree(after.budget()), now);
        }
        List<FieldChange> changes = new ArrayList<>();
        TreeSet<String> fields = new TreeSet<>(was.keySet());
        fields.addAll(now.keySet());
        for (String field : fields) {
            if (!Objects.equals(was.get(field), now.get(field))) {
                changes.add(new FieldChange(field, was.get(field), now.get(field)));
            }
        }
        return changes;
    }

    private static SlotSettings settings(StoredSlot slot) {
        return slot == null ? null : slot.settings();
    }

    /** Settings as dotted paths to JSON values; objects are walked, arrays and scalars are leaves, nulls left out. */
    static Map<String, JsonNode> flatten(SlotSettings settings) {
        Map<String, JsonNode> out = new TreeMap<>();
        if (settings != null) {
            walk("", Json.lenient().valueToTree(settings), out);
        }
        return out;
    }

    private static void walk(String path, JsonNode node, Map<String, JsonNode> out) {
        if (node == null || node instanceof NullNode || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
            }
            return;
        }
        out.put(path, node);
    }
}
