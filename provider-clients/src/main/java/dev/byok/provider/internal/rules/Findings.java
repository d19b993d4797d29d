package dev.byok.provider.internal.rules;

import dev.byok.provider.RuleError;
import java.util.ArrayList;
import java.util.List;

/** Collects what the rules did (warnings) and what they refuse (errors) while a plan is built. */
public final class Findings {

    private final List<String> warnings = new ArrayList<>();
    private final List<RuleError> errors = new ArrayList<>();

    void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    void error(String field, String message) {
        errors.add(new RuleError(field, message));
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    List<RuleError> errors() {
        return List.copyOf(errors);
    }
}
