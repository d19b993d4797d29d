package dev.byok.configservice.slots;

import dev.byok.configservice.store.ConfigWriter;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.crypto.KeyContext;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.model.ConfigSource;
import dev.byok.model.EncryptedKey;
import dev.byok.model.OrgByokView;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Slot;
import dev.byok.model.SlotConfig;
import dev.byok.model.SlotSaved;
import dev.byok.model.SlotView;
import dev.byok.model.StoredSlot;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Saves, reads and deletes slots: validation, encryption and the fenced write, in that order. */
@Service
public class SlotService {

    private final SlotValidator validator;
    private final KeyEnvelope envelope;
    private final ConfigWriter writer;
    private final ConfigTopicView view;
    private final Clock clock;
    private final Duration readTimeout;

    public SlotService(SlotValidator validator, KeyEnvelope envelope, ConfigWriter writer, ConfigTopicView view,
            Clock clock) {
        this.validator = validator;
        this.envelope = envelope;
        this.writer = writer;
        this.view = view;
        this.clock = clock;
        this.readTimeout = Duration.ofSeconds(5);
    }

    public SlotSaved save(String orgId, Slot slot, SlotConfig request, Long ifMatch) {
        ValidatedSlot validated = validator.validate(request);
        EncryptedKey sealed = validated.apiKey() == null ? null
                : envelope.seal(validated.apiKey(), new KeyContext(orgId, slot));
        String hint = validated.apiKey() == null ? null : KeyHints.of(validated.apiKey());
        OrgConfigChanged saved = writer.write(orgId, ifMatch, (current, version, writeId) -> {
            StoredSlot existing = current.map(c -> c.slot(slot)).orElse(null);
            if (sealed == null && existing == null) {
                throw InvalidSlotException.of("apiKey", "is required on the first save of a slot");
            }
            StoredSlot stored = new StoredSlot(validated.settings(), sealed != null ? sealed : existing.key(),
                    hint != null ? hint : existing.keyHint(), clock.instant());
            StoredSlot main = slot == Slot.MAIN ? stored : current.map(OrgConfigChanged::main).orElse(null);
            StoredSlot fallback = slot == Slot.FALLBACK ? stored : current.map(OrgConfigChanged::fallback).orElse(null);
            return Optional.of(new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, orgId, version, main, fallback,
                    clock.instant(), writeId));
        }).orElseThrow();
        return new SlotSaved(SlotView.of(saved.slot(slot)), saved.version(), validated.warnings());
    }

    public void delete(String orgId, Slot slot, Long ifMatch) {
        writer.write(orgId, ifMatch, (current, version, writeId) -> {
            if (current.isEmpty() || current.get().slot(slot) == null) {
                return Optional.empty();
            }
            OrgConfigChanged before = current.get();
            return Optional.of(new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, orgId, version,
                    slot == Slot.MAIN ? null : before.main(), slot == Slot.FALLBACK ? null : before.fallback(),
                    clock.instant(), writeId));
        });
    }

    /** The org's config as every instance agrees on it: the view first catches up with the log. */
    public OrgByokView get(String orgId) {
        if (!view.awaitCaughtUp(readTimeout)) {
            throw new IllegalStateException("the config view did not catch up with the log within " + readTimeout);
        }
        long version = view.latest(orgId).map(OrgConfigChanged::version).orElse(0L);
        return view.find(orgId)
                .map(c -> new OrgByokView(orgId, version, ConfigSource.BYOK, viewOf(c.main()), viewOf(c.fallback())))
                .orElseGet(() -> new OrgByokView(orgId, version, ConfigSource.NONE, null, null));
    }

    private static SlotView viewOf(StoredSlot slot) {
        return slot == null ? null : SlotView.of(slot);
    }
}
