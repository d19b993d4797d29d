package dev.byok.configstore.prices;

/**
 * Tokens summed over a number of served reviews: what the ledger keeps per org, slot, provider and
 * model in each hour and day. {@code outputTokens} includes {@code reasoningTokens};
 * {@code cachedTokens} is the part of {@code inputTokens} read from the provider's prompt cache.
 */
public record TokenCounts(long reviews, long inputTokens, long outputTokens, long reasoningTokens, long cachedTokens) {

    public static final TokenCounts ZERO = new TokenCounts(0, 0, 0, 0, 0);

    public TokenCounts plus(TokenCounts other) {
        return new TokenCounts(reviews + other.reviews, inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                reasoningTokens + other.reasoningTokens, cachedTokens + other.cachedTokens);
    }
}
