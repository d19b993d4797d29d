package dev.byok.configservice.keys;

import dev.byok.configservice.store.ConfigWriter;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.crypto.KeyContext;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.crypto.KeyServiceUnavailableException;
import dev.byok.configstore.crypto.KeyUnavailableException;
import dev.byok.model.AuditRecord;
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
 * Brings every stored API key to the way a key saved now is stored:
 * <ul>
 *   <li>a key whose data key is wrapped by another key than the primary one (a previous master
 *       key file, or the file when KMS took over) is re-wrapped: only the wrapping of its data key
 *       changes, the API key is not decrypted;</li>
 *   <li>a key of the older format, bound to org and slot only, is bound to the provider and origin
 *       of its slot as stored now: it is opened in memory and sealed anew, once.</li>
 * </ul>
 * Each org is one fenced write that applies only if the slot's key is still the one that was
 * moved, so a user saving a new key meanwhile wins. Reviews keep running throughout: workers open
 * keys under either wrapping key, and (while {@code BYOK_ACCEPT_UNBOUND_KEYS} is set) of either format.
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

    public RewrapReport rewrapAll(String actor) {
        view.awaitCaughtUp(Duration.ofSeconds(10));
        String primary = envelope.primaryKeyId();
        int orgs = 0;
        int rewrapped = 0;
        int rebound = 0;
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
                if (envelope.isCurrent(stored.key())) {
                    current++;
                    continue;
                }
                try {
                    EncryptedKey moved = envelope.migrate(stored.key(), KeyContext.of(orgId, slot, stored.settings()));
                    if (replace(orgId, slot, stored.key(), moved, actor)) {
                        rewrapped++;
                        rebound += moved.algorithm().equals(stored.key().algorithm()) ? 0 : 1;
                    }
                } catch (KeyUnavailableException | KeyServiceUnavailableException e) {
                    // reported, not fatal: the next run tries again (a KMS hiccup clears by itself)
                    failed.add(new RewrapReport.Failure(orgId, slot.wire(), e.getMessage()));
                }
            }
        }
        log.info("Re-wrapped {} stored keys under {}, {} of them newly bound to their endpoint ({} already were current, "
                + "{} could not be opened)", rewrapped, primary, rebound, current, failed.size());
        return new RewrapReport(primary, orgs, rewrapped, rebound, current, failed);
    }

    private boolean replace(String orgId, Slot slot, EncryptedKey before, EncryptedKey after, String actor) {
        boolean[] applied = new boolean[1];
        writer.write(orgId, null, (current, version, writeId) -> {
            StoredSlot now = current.map(c -> c.slot(slot)).orElse(null);
            if (now == null || now.key() == null || !Objects.equals(now.key().ciphertext(), before.ciphertext())) {
                return Optional.empty(); // the key changed meanwhile: the new one is already under the primary key
            }
            StoredSlot moved = new StoredSlot(now.settings(), after, now.keyHint(), now.updatedAt());
            OrgConfigChanged was = current.get();
            applied[0] = true;
            return Optional.of(was.withSlots(version, slot == Slot.MAIN ? moved : was.main(),
                    slot == Slot.FALLBACK ? moved : was.fallback(), clock.instant(), writeId));
        }, new ConfigWriter.Audit(actor, AuditRecord.AuditAction.KEY_REWRAPPED, slot));
        return applied[0];
    }
}
