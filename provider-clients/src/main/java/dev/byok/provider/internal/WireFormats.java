package dev.byok.provider.internal;

import dev.byok.model.ProviderId;
import dev.byok.provider.anthropic.internal.AnthropicFormat;
import dev.byok.provider.azure.internal.AzureOpenAiFormat;
import dev.byok.provider.bedrock.internal.BedrockConverseFormat;
import dev.byok.provider.google.internal.VertexFormat;
import dev.byok.provider.google.internal.GeminiFormat;
import dev.byok.provider.openai.internal.ChatCompletionsFormat;
import dev.byok.provider.openai.internal.ResponsesFormat;

/** Which wire format each slot provider speaks. */
public final class WireFormats {

    private static final WireFormat RESPONSES = new ResponsesFormat();
    private static final WireFormat ANTHROPIC = new AnthropicFormat();
    private static final WireFormat GEMINI = new GeminiFormat();
    private static final WireFormat OPEN_ROUTER = new ChatCompletionsFormat(true);
    private static final WireFormat CHAT = new ChatCompletionsFormat(false);
    private static final WireFormat AZURE = new AzureOpenAiFormat();
    private static final WireFormat VERTEX = new VertexFormat();
    private static final WireFormat BEDROCK = new BedrockConverseFormat();

    private WireFormats() {
    }

    public static WireFormat of(ProviderId provider) {
        return switch (provider) {
            case OPENAI -> RESPONSES;
            case ANTHROPIC -> ANTHROPIC;
            case GOOGLE_GEMINI -> GEMINI;
            case OPEN_ROUTER -> OPEN_ROUTER;
            case NOVITA, OPENAI_COMPATIBLE -> CHAT;
            case AZURE_OPENAI -> AZURE;
            case GOOGLE_VERTEX -> VERTEX;
            case AMAZON_BEDROCK -> BEDROCK;
        };
    }
}
