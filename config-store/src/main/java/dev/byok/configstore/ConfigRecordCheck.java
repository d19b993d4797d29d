package dev.byok.configstore;

import dev.byok.model.BaseUrls;
import dev.byok.model.Identifiers;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Slot;
import dev.byok.model.StoredSlot;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a record of the config topic is one config-service could have written. The topic is
 * internal, but whatever can write to it (a forged record, another version's bug) must not stop a
 * service's view or put something in it that a worker would act on: such a record is skipped, with
 * the reason. Pure: the record's key and its parsed value in, a reason or nothing out.
 */
final class ConfigRecordCheck {

    /** Versions grow by one per change; far beyond any real count, a version is only good for wedging an org. */
    static final long MAX_VERSION = 1L << 53;

    private ConfigRecordCheck() {
    }

    /** Why {@code event}, read from a record with key {@code key}, is not a config; empty when it is one. */
    static Optional<String> problem(byte[] key, OrgConfigChanged event) {
        if (event == null) {
            return Optional.of("the value is empty");
        }
        if (event.schemaVersion() != OrgConfigChanged.SCHEMA_VERSION) {
            return Optional.of("unknown schema version " + event.schemaVersion());
        }
        if (!Identifiers.isValidOrgId(event.orgId())) {
            return Optional.of("the orgId is not a valid org id");
        }
        if (key == null || !Arrays.equals(key, event.orgId().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the record's key is not its orgId");
        }
        if (event.version() < 1 || event.version() > MAX_VERSION) {
            return Optional.of("version " + event.version() + " is out of range");
        }
        for (Slot slot : Slot.values()) {
            Optional<String> slotProblem = slotProblem(event.slot(slot));
            if (slotProblem.isPresent()) {
                return Optional.of("the " + slot.wire() + " slot " + slotProblem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> slotProblem(StoredSlot slot) {
        if (slot == null) {
            return Optional.empty();
        }
        if (slot.settings() == null || slot.settings().provider() == null) {
            return Optional.of("names no provider");
        }
        if (slot.settings().model() == null || slot.settings().model().isBlank()) {
            return Optional.of("names no model");
        }
        if (BaseUrls.origin(slot.settings().effectiveBaseUrl()) == null) {
            return Optional.of("has no http(s) base URL");
        }
        if (slot.key() == null) {
            return Optional.of("has no stored key");
        }
        return Optional.empty();
    }
}
