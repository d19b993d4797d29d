package dev.byok.model;

/**
 * The answer of a probe (CONTRACTS §2.4): a cheap metadata call to the provider, no inference.
 * {@code modelListed} is true or false when the provider's model list could be read, null otherwise.
 * {@code message} says what was found in words a user can act on, and never contains a key.
 */
public record ProbeResult(boolean ok, ProbeCategory category, Integer httpStatus, long latencyMs, String message,
        Boolean modelListed) {
}
