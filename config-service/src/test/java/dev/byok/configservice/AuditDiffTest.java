package dev.byok.configservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.configservice.audit.AuditDiff;
import dev.byok.model.AuditRecord;
import dev.byok.model.AuditRecord.AuditAction;
import dev.byok.model.EncryptedKey;
import dev.byok.model.Json;
import dev.byok.model.OpenRouterPins;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ProviderId;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.StoredSlot;
import dev.byok.model.ThinkingLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditDiffTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final EncryptedKey KEY_A = new EncryptedKey("v2", "file:1", "wrapped-a", "iv-a", "CIPHERTEXT-A");
    private static final EncryptedKey KEY_A_REWRAPPED = new EncryptedKey("v2", "kms:2", "wrapped-a2", "iv-a", "CIPHERTEXT-A");
    private static final EncryptedKey KEY_B = new EncryptedKey("v2", "file:1", "wrapped-b", "iv-b", "CIPHERTEXT-B");

    @Test
    void aFirstSaveListsEveryFieldSetAndTheKeyAsSet() {
        OrgConfigChanged after = config(1, slot("glm-5.1", 2, null, KEY_A, "sk-…aaaa"));

        AuditRecord record = AuditDiff.record("w1", "alice", AuditAction.SLOT_SAVED, Slot.MAIN, Optional.empty(), after);

        assertThat(record.changes()).extracting(AuditRecord.FieldChange::field)
                .contains("provider", "model", "maxConcurrentRequests", "effectiveBaseUrl")
                .doesNotContain("openRouter", "temperature");
        assertThat(record.changes()).allSatisfy(c -> assertThat(c.before()).isNull());
        assertThat(record.key()).isEqualTo(new AuditRecord.KeyChange("SET", "sk-…aaaa"));
        assertThat(record.configVersion()).isEqualTo(1);
        assertThat(record.slot()).isEqualTo("main");
    }

    @Test
    void onlyTheFieldsThatChangedAreListedWithBothValuesNestedOnesByPath() {
        OrgConfigChanged before = config(1, slot("glm-5.1", 2, null, KEY_A, "sk-…aaaa"));
        OrgConfigChanged after = config(2, slot("glm-5.1", 4, new OpenRouterPins(List.of("z-ai"), null), KEY_A,
                "sk-…aaaa"));

        List<AuditRecord.FieldChange> changes = AuditDiff.fields(Optional.of(before), after, Slot.MAIN);

        assertThat(changes).extracting(AuditRecord.FieldChange::field)
                .containsExactly("maxConcurrentRequests", "openRouter.pinProviders");
        assertThat(changes.get(0).before().asInt()).isEqualTo(2);
        assertThat(changes.get(0).after().asInt()).isEqualTo(4);
        assertThat(AuditDiff.key(Optional.of(before), after, Slot.MAIN, AuditAction.SLOT_SAVED))
                .as("the same stored key").isNull();
    }

    @Test
    void theKeyIsReplacedRemovedOrRewrappedAsTheWriteSays() {
        OrgConfigChanged withA = config(1, slot("glm-5.1", 2, null, KEY_A, "sk-…aaaa"));
        OrgConfigChanged withB = config(2, slot("glm-5.1", 2, null, KEY_B, "sk-…bbbb"));
        OrgConfigChanged rewrapped = config(2, slot("glm-5.1", 2, null, KEY_A_REWRAPPED, "sk-…aaaa"));
        OrgConfigChanged without = config(3, null);

        assertThat(AuditDiff.key(Optional.of(withA), withB, Slot.MAIN, AuditAction.SLOT_SAVED))
                .isEqualTo(new AuditRecord.KeyChange("REPLACED", "sk-…bbbb"));
        assertThat(AuditDiff.key(Optional.of(withA), rewrapped, Slot.MAIN, AuditAction.KEY_REWRAPPED))
                .isEqualTo(new AuditRecord.KeyChange("REWRAPPED", "sk-…aaaa"));
        assertThat(AuditDiff.key(Optional.of(withB), without, Slot.MAIN, AuditAction.SLOT_DELETED))
                .isEqualTo(new AuditRecord.KeyChange("REMOVED", null));
        assertThat(AuditDiff.fields(Optional.of(withB), without, Slot.MAIN)).allSatisfy(c -> assertThat(c.after()).isNull());
    }

    @Test
    void theRecordAsPublishedHoldsNoCiphertextNorWrappedKey() {
        OrgConfigChanged before = config(1, slot("glm-5.1", 2, null, KEY_A, "sk-…aaaa"));
        OrgConfigChanged after = config(2, slot("kimi-k2.6", 2, null, KEY_B, "sk-…bbbb"));

        String json = new String(Json.lenient().writeValueAsBytes(
                AuditDiff.record("w2", "bob", AuditAction.SLOT_SAVED, Slot.MAIN, Optional.of(before), after)),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).contains("kimi-k2.6", "REPLACED", "sk-…bbbb")
                .doesNotContain("CIPHERTEXT", "wrapped-", "iv-a", "iv-b", "file:1");
    }

    private static OrgConfigChanged config(long version, StoredSlot main) {
        return new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, "acme", version, main, null, NOW, "w" + version);
    }

    private static StoredSlot slot(String model, int cap, OpenRouterPins pins, EncryptedKey key, String hint) {
        SlotSettings settings = new SlotSettings(ProviderId.OPENAI_COMPATIBLE, model, "https://api.z.ai/api/paas/v4",
                null, null, null, ThinkingLevel.MEDIUM, Map.of(), cap, pins, "https://api.z.ai/api/paas/v4");
        return new StoredSlot(settings, key, hint, NOW);
    }
}
