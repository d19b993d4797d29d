package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;
import java.util.List;
import java.util.Optional;

/**
 * A provider's own reading of its error bodies, for the cases where the status alone misleads
 * (a 429 that means "out of money", a 400 that means "bad key"). Empty means: use the status table.
 */
@FunctionalInterface
public interface ErrorBodyRules {

    ErrorBodyRules NONE = (status, body) -> Optional.empty();

    Optional<AttemptOutcome> outcomeFor(int status, ErrorBody body);

    /** The first rule set that has an opinion wins. */
    static ErrorBodyRules firstOf(ErrorBodyRules... rules) {
        List<ErrorBodyRules> all = List.of(rules);
        return (status, body) -> all.stream().map(r -> r.outcomeFor(status, body)).flatMap(Optional::stream)
                .findFirst();
    }
}
