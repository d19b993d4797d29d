package dev.byok.provider.internal.rules;

import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;

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
 * @param responsesApi whether the body is a Responses API body (the SDK's Responses option rules apply)
 * @param thinkingPath where an Anthropic-style {@code thinking} block sits in the translated fields
 * @param vocabulary how the namespace's options translate (Azure's namespace reads two ways, by API)
 */
public record ProviderWire(String namespace, String maxTokensPath, String temperaturePath, Integer defaultMaxTokens,
        Double maxTemperature, boolean thinkingDropsTemperature, boolean budgetRaisesMaxTokens, boolean responsesApi,
        String thinkingPath, String vocabulary) {

    public static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 16000;

    private static final ProviderWire OPENAI = new ProviderWire("openai", "max_output_tokens", "temperature",
            null, null, false, false, true, "thinking", "openai");
    private static final ProviderWire ANTHROPIC = new ProviderWire("anthropic", "max_tokens", "temperature",
            ANTHROPIC_DEFAULT_MAX_TOKENS, 1.0, true, true, false, "thinking", "anthropic");
    private static final ProviderWire GOOGLE = new ProviderWire("google", "generationConfig.maxOutputTokens",
            "generationConfig.temperature", null, null, false, false, false, "thinking", "google");
    private static final ProviderWire OPEN_ROUTER = new ProviderWire("openrouter", "max_tokens", "temperature",
            null, null, false, false, false, "thinking", "openrouter");
    private static final ProviderWire COMPATIBLE = new ProviderWire("openaiCompatible", "max_tokens", "temperature",
            null, null, false, false, false, "thinking", "openaiCompatible");

    /** Azure OpenAI's v1 API: the Responses body, options under the SDK's {@code azure} namespace. */
    private static final ProviderWire AZURE = new ProviderWire("azure", "max_output_tokens", "temperature",
            null, null, false, false, true, "thinking", "openai");
    /** Azure OpenAI's chat completions: the OpenAI chat body, options under {@code azure}. */
    private static final ProviderWire AZURE_CHAT = new ProviderWire("azure", "max_tokens", "temperature",
            null, null, false, false, false, "thinking", "azureChat");
    /**
     * Bedrock's Converse API: the cap and temperature in {@code inferenceConfig}, model-specific fields
     * (Anthropic thinking and effort) in {@code additionalModelRequestFields}, as the SDK sends them.
     */
    private static final ProviderWire BEDROCK = new ProviderWire("bedrock", "inferenceConfig.maxTokens",
            "inferenceConfig.temperature", null, 1.0, true, true, false, "additionalModelRequestFields.thinking",
            "bedrock");

    /** The wire facts of a slot: Azure's depend on which of its APIs the slot calls. */
    public static ProviderWire of(SlotSettings settings) {
        if (settings.provider() == ProviderId.AZURE_OPENAI && settings.cloud() != null && settings.cloud().chatApi()) {
            return AZURE_CHAT;
        }
        return of(settings.provider());
    }

    public static ProviderWire of(ProviderId provider) {
        return switch (provider) {
            case OPENAI -> OPENAI;
            case ANTHROPIC -> ANTHROPIC;
            case GOOGLE_GEMINI, GOOGLE_VERTEX -> GOOGLE;
            case AZURE_OPENAI -> AZURE;
            case AMAZON_BEDROCK -> BEDROCK;
            case OPEN_ROUTER -> OPEN_ROUTER;
            case NOVITA, OPENAI_COMPATIBLE -> COMPATIBLE;
        };
    }
}
