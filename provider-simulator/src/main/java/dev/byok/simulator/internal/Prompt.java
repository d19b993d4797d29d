package dev.byok.simulator.internal;

/**
 * What the simulator needs from a request body to answer it.
 *
 * @param model the requested model id
 * @param promptChars characters of prompt text (system, instructions and messages)
 * @param maxOutputTokens the request's output cap, {@code null} when it sent none
 */
record Prompt(String model, long promptChars, Long maxOutputTokens) {

    static final String UNKNOWN_MODEL = "unknown-model";
}
