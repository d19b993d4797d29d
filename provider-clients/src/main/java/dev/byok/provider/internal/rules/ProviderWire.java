package dev.byok.provider.internal.rules;

import dev.byok.model.ProviderId;

/**
 * Per-provider wire facts, as data: the customOptions namespace of the BYOK doc, where temperature
 * and the output cap go in the body, and the provider-wide sampling rules.
 *
 * <p>Anthropic is the only provider that requires an output cap. When a slot sets none we send
 * {@value #ANTHROPIC_DEFAULT_MAX_TOKENS}: enough for a long review plus adaptive thinking, and
 * small enough that the largest preset thinking budget (16000, added on top for budget-style
 * models) still fits the smallest output limit of a current Claude model (32000 on Opus 4/4.1).
 * The capability table lowers it for older models with smaller limits.
 *
 * @param namespace the customOptions namespace key for this provider
 * @param maxTokensPath where the output cap goes, dotted
 * @param temperaturePath where temperature goes, dotted
 * @param defaultMaxTokens sent when the slot sets no maxTokens; null when the field may be omitted
 * @param maxTemperature the provider's upper bound, when narrower than the contract's 0..2
 * @param thinkingDropsTemperature whether thinking being on makes the provider reject temperature
 * @param budgetRaisesMaxTokens whether an explicit thinking budget is added to max_tokens (it counts toward it)
 */
public record ProviderWire(String namespace, String maxTokensPath, String temperaturePath, Integer defaultMaxTokens,
        Double maxTemperature, boolean thinkingDropsTemperature, boolean budgetRaisesMaxTokens) {

    public static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 16000;

    private static final ProviderWire OPENAI = new ProviderWire("openai", "max_output_tokens", "temperature",
            null, null, false, false);
    private static final ProviderWire ANTHROPIC = new ProviderWire("anthropic", "max_tokens", "temperature",
            ANTHROPIC_DEFAULT_MAX_TOKENS, 1.0, true, true);
    private static final ProviderWire GOOGLE = new ProviderWire("google", "generationConfig.maxOutputTokens",
            "generationConfig.temperature", null, null, false, false);
    private static final ProviderWire OPEN_ROUTER = new ProviderWire("openrouter", "max_tokens", "temperature",
            null, null, false, false);
    private static final ProviderWire COMPATIBLE = new ProviderWire("openaiCompatible", "max_tokens", "temperature",
            null, null, false, false);

    public static ProviderWire of(ProviderId provider) {
        return switch (provider) {
            case OPENAI -> OPENAI;
            case ANTHROPIC -> ANTHROPIC;
            case GOOGLE_GEMINI -> GOOGLE;
            case OPEN_ROUTER -> OPEN_ROUTER;
            case NOVITA, OPENAI_COMPATIBLE -> COMPATIBLE;
        };
    }
}
