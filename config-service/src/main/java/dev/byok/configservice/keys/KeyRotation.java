package dev.byok.configservice.keys;

import dev.byok.configservice.store.ConfigWriter;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.crypto.KeyContext;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.crypto.KeyServiceUnavailableException;
import dev.byok.configstore.crypto.KeyUnavailableException;
import dev.byok.model.EncryptedKey;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Slot;
import dev.byok.model.StoredSlot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Re-wraps every stored API key whose data key is wrapped by another key than the primary one
 * (a previous master key file, or the file when KMS took over). Only the wrapping of each data key
 * changes; API keys are never decrypted. Each org is one fenced write that applies only if the
 * slot's key is still the one that was re-wrapped, so a user saving a new key meanwhile wins.
 * Reviews keep running throughout: workers open keys under either wrapping key.
 */
@Service
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final ConfigTopicView view;
    private final ConfigWriter writer;
    private final KeyEnvelope envelope;
    private final Clock clock;

    public KeyRotation(ConfigTopicView view, ConfigWriter writer, KeyEnvelope envelope, Clock clock) {
        this.view = view;
        this.writer = writer;
        this.envelope = envelope;
        this.clock = clock;
    }

    public RewrapReport rewrapAll() {
        view.awaitCaughtUp(Duration.ofSeconds(10));
        String primary = envelope.primaryKeyId();
        int orgs = 0;
        int rewrapped = 0;
        int current = 0;
        List<RewrapReport.Failure> failed = new ArrayList<>();
        for (String orgId : view.orgIds()) {
            Optional<OrgConfigChanged> config = view.find(orgId);
            if (config.isEmpty()) {
                continue;
            }
            orgs++;
            for (Slot slot : Slot.values()) {
                StoredSlot stored = config.get().slot(slot);
                if (stored == null || stored.key() == null) {
                    continue;
                }
                if (primary.equals(stored.key().wrappingKeyId())) {
                    current++;
                    continue;
                }
                try {
                    EncryptedKey moved = envelope.rewrap(stored.key(), new KeyContext(orgId, slot));
                    if (replace(orgId, slot, stored.key(), moved)) {
                        rewrapped++;
                    }
                } catch (KeyUnavailableException | KeyServiceUnavailableException e) {
                    // reported, not fatal: the next run tries again (a KMS hiccup clears by itself)
                    failed.add(new RewrapReport.Failure(orgId, slot.wire(), e.getMessage()));
                }
            }
        }
        log.info("Re-wrapped {} stored keys under {} ({} already were, {} could not be opened)", rewrapped, primary,
                current, failed.size());
        return new RewrapReport(primary, orgs, rewrapped, current, failed);
    }

    private boolean replace(String orgId, Slot slot, EncryptedKey before, EncryptedKey after) {
        boolean[] applied = new boolean[1];
        writer.write(orgId, null, (current, version, writeId) -> {
            StoredSlot now = current.map(c -> c.slot(slot)).orElse(null);
            if (now == null || now.key() == null || !Objects.equals(now.key().ciphertext(), before.ciphertext())) {
                return Optional.empty(); // the key changed meanwhile: the new one is already under the primary key
            }
            StoredSlot moved = new StoredSlot(now.settings(), after, now.keyHint(), now.updatedAt());
            OrgConfigChanged was = current.get();
            applied[0] = true;
            return Optional.of(new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, orgId, version,
                    slot == Slot.MAIN ? moved : was.main(), slot == Slot.FALLBACK ? moved : was.fallback(),
                    clock.instant(), writeId));
        });
        return applied[0];
    }
}
