package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * The answer of a successful PUT of a slot: the SlotView, the org's new config version (also sent
 * as the ETag) and what the service changed or dropped on the way, in words.
 */
public record SlotSaved(@JsonUnwrapped SlotView slot, long version, List<String> warnings) {
    public SlotSaved {
        warnings = List.copyOf(warnings);
    }
}
