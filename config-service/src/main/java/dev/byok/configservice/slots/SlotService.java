package dev.byok.configservice.slots;

import dev.byok.configservice.store.ConfigWriter;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.DeploymentDefault;
import dev.byok.configstore.crypto.KeyContext;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.model.AuditRecord.AuditAction;
import dev.byok.model.Budget;
import dev.byok.model.ConfigSource;
import dev.byok.model.EncryptedKey;
import dev.byok.model.OrgByokView;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ProbeResult;
import dev.byok.model.Slot;
import dev.byok.model.SlotConfig;
import dev.byok.model.SlotSaved;
import dev.byok.model.SlotView;
import dev.byok.model.StoredSlot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Saves, reads and deletes slots: validation, encryption and the fenced write, in that order. */
@Service
public class SlotService {

    private final SlotValidator validator;
    private final SlotProbes probes;
    private final KeyEnvelope envelope;
    private final ConfigWriter writer;
    private final ConfigTopicView view;
    private final DeploymentDefault deploymentDefault;
    private final Clock clock;
    private final Duration readTimeout;

    public SlotService(SlotValidator validator, SlotProbes probes, KeyEnvelope envelope, ConfigWriter writer,
            ConfigTopicView view, DeploymentDefault deploymentDefault, Clock clock) {
        this.validator = validator;
        this.probes = probes;
        this.envelope = envelope;
        this.writer = writer;
        this.view = view;
        this.deploymentDefault = deploymentDefault;
        this.clock = clock;
        this.readTimeout = Duration.ofSeconds(5);
    }

    /**
     * Saves the slot; with {@code test} the config is probed first and nothing is saved if the probe fails.
     * The change is audited under {@code actor}.
     *
     * @throws ProbeFailedException when {@code test} is set and the probe failed
     */
    public SlotSaved save(String orgId, Slot slot, SlotConfig request, Long ifMatch, boolean test, String actor) {
        ValidatedSlot validated = validator.validate(request);
        List<String> warnings = new ArrayList<>(validated.warnings());
        if (test) {
            ProbeResult probe = probes.probe(orgId, validated.settings(), keyFor(orgId, slot, validated));
            if (!probe.ok()) {
                throw new ProbeFailedException(probe);
            }
            if (Boolean.FALSE.equals(probe.modelListed())) {
                warnings.add("model: " + validated.settings().model() + " is not in the provider's model list; "
                        + "check the model id");
            }
        }
        EncryptedKey sealed = validated.apiKey() == null ? null
                : envelope.seal(validated.apiKey(), KeyContext.of(orgId, slot, validated.settings()));
        String hint = validated.apiKey() == null ? null : KeyHints.of(validated.apiKey());
        OrgConfigChanged saved = writer.write(orgId, ifMatch, (current, version, writeId) -> {
            StoredSlot existing = current.map(c -> c.slot(slot)).orElse(null);
            if (sealed == null && existing == null) {
                throw InvalidSlotException.of("apiKey", "is required on the first save of a slot");
            }
            if (sealed == null) {
                // Checked against the config this write replaces, so no concurrent save can slip between.
                refuseKeyReuse(existing, validated);
            }
            StoredSlot stored = new StoredSlot(validated.settings(), sealed != null ? sealed : existing.key(),
                    hint != null ? hint : existing.keyHint(), clock.instant());
            StoredSlot main = slot == Slot.MAIN ? stored : current.map(OrgConfigChanged::main).orElse(null);
            StoredSlot fallback = slot == Slot.FALLBACK ? stored : current.map(OrgConfigChanged::fallback).orElse(null);
            return Optional.of(new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, orgId, version, main, fallback,
                    clock.instant(), writeId, current.map(OrgConfigChanged::budget).orElse(null)));
        }, new ConfigWriter.Audit(actor, AuditAction.SLOT_SAVED, slot)).orElseThrow();
        return new SlotSaved(SlotView.of(saved.slot(slot)), saved.version(), warnings);
    }

    /**
     * Validates a slot config without saving or probing it: the warnings a save would give, or the
     * same 400 a save would get. The apiKey may be left out (the page checks as the user types),
     * except where a save without it would be refused: when the slot's stored key would go to
     * another provider or origin.
     */
    public SlotCheckResult validate(String orgId, Slot slot, SlotConfig request) {
        ValidatedSlot validated = validator.validate(request);
        if (validated.apiKey() == null) {
            storedSlot(orgId, slot).ifPresent(stored -> refuseKeyReuse(stored, validated));
        }
        return new SlotCheckResult(validated.warnings(), validated.settings().effectiveBaseUrl());
    }

    /**
     * Probes a slot: the config in {@code candidate} if given (its key, or the stored one when it
     * has none), else the stored slot.
     */
    public ProbeResult probe(String orgId, Slot slot, SlotConfig candidate) {
        if (candidate == null) {
            StoredSlot stored = storedSlot(orgId, slot).orElseThrow(() -> InvalidSlotException.of("body",
                    "the " + slot.wire() + " slot is not saved yet; send the SlotConfig to test"));
            return probes.probe(orgId, stored.settings(),
                    envelope.open(stored.key(), KeyContext.of(orgId, slot, stored.settings())));
        }
        ValidatedSlot validated = validator.validate(candidate);
        return probes.probe(orgId, validated.settings(), keyFor(orgId, slot, validated));
    }

    /**
     * The key a probe uses: the one in the request, else the stored one (decrypted only for this
     * call, and only when the probe goes to the provider and origin the key was saved for).
     */
    private String keyFor(String orgId, Slot slot, ValidatedSlot validated) {
        if (validated.apiKey() != null) {
            return validated.apiKey();
        }
        StoredSlot stored = storedSlot(orgId, slot).orElseThrow(() -> InvalidSlotException.of("apiKey",
                "is required: the " + slot.wire() + " slot has no stored key yet"));
        refuseKeyReuse(stored, validated);
        return envelope.open(stored.key(), KeyContext.of(orgId, slot, stored.settings()));
    }

    private static void refuseKeyReuse(StoredSlot stored, ValidatedSlot validated) {
        KeyReuse.refusal(stored.settings(), validated.settings()).ifPresent(error -> {
            throw new InvalidSlotException(List.of(error));
        });
    }

    private Optional<StoredSlot> storedSlot(String orgId, Slot slot) {
        view.awaitCaughtUp(readTimeout);
        return view.find(orgId).map(c -> c.slot(slot));
    }

    public void delete(String orgId, Slot slot, Long ifMatch, String actor) {
        writer.write(orgId, ifMatch, (current, version, writeId) -> {
            if (current.isEmpty() || current.get().slot(slot) == null) {
                return Optional.empty();
            }
            OrgConfigChanged before = current.get();
            return Optional.of(before.withSlots(version, slot == Slot.MAIN ? null : before.main(),
                    slot == Slot.FALLBACK ? null : before.fallback(), clock.instant(), writeId));
        }, new ConfigWriter.Audit(actor, AuditAction.SLOT_DELETED, slot));
    }

    /**
     * The org's config as every instance agrees on it (the view first catches up with the log); for
     * an org without its own, the deployment default if there is one, never with its key.
     */
    public OrgByokView get(String orgId) {
        if (!view.awaitCaughtUp(readTimeout)) {
            throw new dev.byok.configstore.ConfigStoreUnavailableException("the config view did not catch up with the log within " + readTimeout);
        }
        long version = view.latest(orgId).map(OrgConfigChanged::version).orElse(0L);
        Budget budget = view.latest(orgId).map(OrgConfigChanged::budget).orElse(null);
        Optional<OrgConfigChanged> own = view.find(orgId);
        if (own.isPresent()) {
            return new OrgByokView(orgId, version, ConfigSource.BYOK, viewOf(own.get().main()),
                    viewOf(own.get().fallback()), budget);
        }
        return deploymentDefault.asConfigOf(orgId)
                .map(d -> new OrgByokView(orgId, version, ConfigSource.ENVIRONMENT, viewOf(d.main()), viewOf(d.fallback()),
                        budget))
                .orElseGet(() -> new OrgByokView(orgId, version, ConfigSource.NONE, null, null, budget));
    }

    private static SlotView viewOf(StoredSlot slot) {
        return slot == null ? null : SlotView.of(slot);
    }
}
