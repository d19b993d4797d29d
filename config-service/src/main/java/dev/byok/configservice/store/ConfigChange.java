package dev.byok.configservice.store;

import dev.byok.model.OrgConfigChanged;
import java.util.Optional;

/**
 * What a write does to an org's config, given the current one. Returning empty means there is
 * nothing to change (deleting a slot that is not there), so nothing is published.
 */
@FunctionalInterface
public interface ConfigChange {

    Optional<OrgConfigChanged> apply(Optional<OrgConfigChanged> current, long nextVersion, String writeId);
}
