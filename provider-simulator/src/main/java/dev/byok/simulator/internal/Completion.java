package dev.byok.simulator.internal;

/**
 * A successful answer, before a dialect spells it.
 *
 * @param seq request sequence number, used in ids
 * @param createdEpochSecond creation time
 * @param model the model that "answered"
 * @param text the visible answer text ("" for a length-capped answer)
 * @param promptTokens input tokens
 * @param outputTokens output tokens including reasoning
 * @param reasoningTokens the part of {@code outputTokens} spent on reasoning
 * @param lengthCapped the answer stopped at the output cap instead of finishing
 */
record Completion(
        long seq,
        long createdEpochSecond,
        String model,
        String text,
        long promptTokens,
        long outputTokens,
        long reasoningTokens,
        boolean lengthCapped) {

    /**
     * The part of the prompt a provider would have read from its prompt cache: a quarter, as a
     * review's fixed system prompt and shared context often are, so that every dialect reports a
     * cache figure and the usage ledger has one to count.
     */
    long cachedTokens() {
        return promptTokens / 4;
    }
}
