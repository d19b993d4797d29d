package dev.byok.bench.jmh;

import dev.byok.model.BaseUrls;
import dev.byok.model.ChatMessage;
import dev.byok.model.MessageRole;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.util.List;

/** Slots as the catalog pre-fills them (temperature 0, 16,384 output tokens, thinking medium), one per wire format. */
final class Settings {

    private Settings() {
    }

    static SlotSettings catalogSlot(ProviderId provider, String baseUrl) {
        String model = switch (provider) {
            case OPENAI -> "gpt-5.4";
            case ANTHROPIC -> "claude-sonnet-4-6";
            case GOOGLE_GEMINI -> "gemini-3.1-pro-preview-customtools";
            case OPEN_ROUTER -> "moonshotai/kimi-k2.6";
            case NOVITA -> "moonshotai/kimi-k2.6";
            case OPENAI_COMPATIBLE -> "glm-5.1";
            case AZURE_OPENAI -> "gpt-5.4";
            case GOOGLE_VERTEX -> "gemini-3.1-pro-preview";
            case AMAZON_BEDROCK -> "us.anthropic.claude-sonnet-4-6";
        };
        String effective = baseUrl != null ? baseUrl
                : provider == ProviderId.OPENAI_COMPATIBLE ? "https://api.z.ai/api/coding/paas/v4"
                : BaseUrls.effective(provider, null);
        return new SlotSettings(provider, model, baseUrl, null, 0.0, 16_384, ThinkingLevel.MEDIUM, null, 4, null,
                effective);
    }

    static List<ChatMessage> review(String diff) {
        return List.of(new ChatMessage(MessageRole.SYSTEM, "You are a careful code reviewer. Point out bugs first."),
                new ChatMessage(MessageRole.USER, diff));
    }
}
