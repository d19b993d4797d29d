package dev.byok.provider.internal.rules;

import java.util.Map;
import java.util.Set;

/**
 * How one customOptions namespace maps to the wire (providers.md §10), as data.
 *
 * @param label how warnings name the vocabulary ("Anthropic")
 * @param options known option name to where it goes on the wire
 * @param clientSide options the SDK consumes itself; they never reach the wire
 * @param passThrough whether unknown keys are wire JSON copied verbatim (openrouter, openaiCompatible)
 *     or SDK vocabulary the SDK would drop (openai, anthropic, google)
 */
record Vocabulary(String label, Map<String, Mapping> options, Set<String> clientSide, boolean passThrough) {

    /**
     * @param wirePath dotted body path, or {@code header:<name>} for a request header
     * @param snakeKeys whether the value's own keys are SDK camelCase to convert ({@code budgetTokens})
     */
    record Mapping(String wirePath, boolean snakeKeys) {
    }

    static Mapping to(String wirePath) {
        return new Mapping(wirePath, false);
    }

    static Mapping snaked(String wirePath) {
        return new Mapping(wirePath, true);
    }
}
