package dev.byok.provider;

import java.util.List;

/**
 * What the provider rules say about a slot at save time: the {@code warnings} name every rule that
 * changes what reaches the wire (a dropped temperature, a raised max_tokens, a moved routing key),
 * and the {@code errors} are the reasons the save must be refused.
 */
public record SlotCheck(List<String> warnings, List<RuleError> errors) {

    public SlotCheck {
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    public boolean accepted() {
        return errors.isEmpty();
    }
}
