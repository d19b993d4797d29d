package dev.byok.worker.spend;

import dev.byok.configstore.prices.PriceTable;
import dev.byok.model.ChatMessage;
import dev.byok.model.SlotSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What a review's call is reserved against a budget before it is made: an upper bound of its tokens
 * and cost where one exists, so that N workers reserving together can never overshoot.
 *
 * <ul>
 *   <li>Input: the UTF-8 bytes of every message plus {@value #TOKENS_PER_MESSAGE} per message. Every
 *       tokenizer in use (byte-level BPE and SentencePiece with byte fallback) spends at least one
 *       byte of text per token, so a prompt never has more tokens than bytes; the per-message
 *       allowance covers the role markers a provider adds.</li>
 *   <li>Output: the slot's {@code maxTokens}, which the provider enforces (reasoning included). A
 *       slot without it has no bound: {@code defaultOutputTokens} is reserved, and a call that writes
 *       more is the one case where a budget can be overshot, by that excess.</li>
 *   <li>Cost: those tokens at the model's input and output prices, no cache discount; a model
 *       without a price reserves no cost and is not held by a cost limit.</li>
 * </ul>
 */
public record Estimate(long tokens, long microUsd, boolean bounded) {

    static final int TOKENS_PER_MESSAGE = 8;

    public static Estimate of(List<ChatMessage> messages, SlotSettings settings, Optional<PriceTable.Price> price,
            long defaultOutputTokens) {
        long bytes = 0;
        for (ChatMessage message : messages) {
            bytes += message.content().getBytes(StandardCharsets.UTF_8).length + TOKENS_PER_MESSAGE;
        }
        long input = bytes;
        boolean bounded = settings.maxTokens() != null;
        long output = bounded ? settings.maxTokens() : defaultOutputTokens;
        long micro = price.map(p -> micro(p.inputPerMillion(), input).add(micro(p.outputPerMillion(), output)))
                .map(d -> d.setScale(0, RoundingMode.CEILING).longValueExact()).orElse(0L);
        return new Estimate(input + output, micro, bounded);
    }

    /** Micro-dollars of {@code tokens} at a price per million tokens: the price itself in micro-dollars per token. */
    static BigDecimal micro(BigDecimal perMillion, long tokens) {
        return perMillion.multiply(BigDecimal.valueOf(tokens));
    }

    /** Micro-dollars of what a call really used, at the same prices as the ledger's estimate. */
    public static long actualMicroUsd(long inputTokens, long cachedTokens, long outputTokens,
            Optional<PriceTable.Price> price) {
        return price.map(p -> PriceTable.cost(new dev.byok.configstore.prices.TokenCounts(1, inputTokens, outputTokens, 0,
                cachedTokens), p).movePointRight(6).setScale(0, RoundingMode.CEILING).longValueExact()).orElse(0L);
    }
}
