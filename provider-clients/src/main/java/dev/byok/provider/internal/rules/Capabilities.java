package dev.byok.provider.internal.rules;

import static dev.byok.model.ProviderId.AMAZON_BEDROCK;
import static dev.byok.model.ProviderId.ANTHROPIC;
import static dev.byok.model.ProviderId.AZURE_OPENAI;
import static dev.byok.model.ProviderId.GOOGLE_VERTEX;
import static dev.byok.model.ProviderId.GOOGLE_GEMINI;
import static dev.byok.model.ProviderId.NOVITA;
import static dev.byok.model.ProviderId.OPENAI;
import static dev.byok.model.ProviderId.OPENAI_COMPATIBLE;
import static dev.byok.model.ProviderId.OPEN_ROUTER;
import static dev.byok.provider.internal.rules.ModelCapability.row;

import dev.byok.model.ProviderId;
import java.util.List;
import java.util.Locale;

/**
 * The model capability table: first matching row wins, every provider ends with a catch-all.
 * Sources: providers.md §1.1, §2.1-2.2, §3.1-3.2 and the Vercel AI SDK rules the conformance cases
 * were recorded with. Adding a model family is adding a row, not an {@code if}.
 */
public final class Capabilities {

    static final List<ModelCapability> TABLE = List.of(
            // Claude Opus 4.7+, Sonnet 5, Fable 5: adaptive thinking only; any sampling parameter is a 400.
            row(ANTHROPIC, "claude-(opus-4-[7-9]|opus-5|sonnet-5|fable-5)", ThinkingStyle.ANTHROPIC_ADAPTIVE)
                    .temperature(TemperatureRule.DROP_FOR_MODEL).maxOutput(128000).refusingBudget(),
            row(ANTHROPIC, "claude-(opus|sonnet)-4-6", ThinkingStyle.ANTHROPIC_ADAPTIVE).maxOutput(64000),
            // Before 4.6 adaptive thinking does not exist: presets become a token budget.
            row(ANTHROPIC, "claude-(opus-4-1|opus-4($|-\\d{8}))", ThinkingStyle.ANTHROPIC_BUDGET).maxOutput(32000),
            row(ANTHROPIC, "claude-(sonnet-4-5|haiku-4-5|opus-4-5|sonnet-4($|-\\d{8})|3-7-sonnet)",
                    ThinkingStyle.ANTHROPIC_BUDGET).maxOutput(64000),
            row(ANTHROPIC, "claude-3-5-", ThinkingStyle.NONE).maxOutput(8192),
            row(ANTHROPIC, "claude-3-", ThinkingStyle.NONE).maxOutput(4096),
            row(ANTHROPIC, "", ThinkingStyle.ANTHROPIC_ADAPTIVE),

            // o-series and the gpt-5 family (not -chat) are reasoning models: developer role, no temperature.
            row(OPENAI, "^(o\\d|codex|computer-use|gpt-5(?!(\\.\\d+)?-chat))", ThinkingStyle.OPENAI_EFFORT)
                    .temperature(TemperatureRule.DROP_FOR_REASONING).systemRole("developer"),
            row(OPENAI, "", ThinkingStyle.NONE),
            // Azure deployments are named by the customer; a name that says the model family reads as it.
            row(AZURE_OPENAI, "^(o\\d|codex|computer-use|gpt-5(?!(\\.\\d+)?-chat))", ThinkingStyle.OPENAI_EFFORT)
                    .temperature(TemperatureRule.DROP_FOR_REASONING).systemRole("developer"),
            row(AZURE_OPENAI, "", ThinkingStyle.NONE),

            row(GOOGLE_GEMINI, "gemini-2\\.5-", ThinkingStyle.GEMINI_BUDGET),
            row(GOOGLE_GEMINI, "gemini-(1\\.|2\\.0)", ThinkingStyle.NONE),
            row(GOOGLE_GEMINI, "gemini-3-pro", ThinkingStyle.GEMINI_LEVEL).levels("low", "high"),
            row(GOOGLE_GEMINI, "gemini-3(\\.\\d+)?-flash", ThinkingStyle.GEMINI_LEVEL)
                    .levels("minimal", "low", "medium", "high"),
            row(GOOGLE_GEMINI, "", ThinkingStyle.GEMINI_LEVEL).levels("low", "medium", "high"),
            row(GOOGLE_VERTEX, "gemini-2\\.5-", ThinkingStyle.GEMINI_BUDGET),
            row(GOOGLE_VERTEX, "gemini-(1\\.|2\\.0)", ThinkingStyle.NONE),
            row(GOOGLE_VERTEX, "gemini-3-pro", ThinkingStyle.GEMINI_LEVEL).levels("low", "high"),
            row(GOOGLE_VERTEX, "gemini-3(\\.\\d+)?-flash", ThinkingStyle.GEMINI_LEVEL)
                    .levels("minimal", "low", "medium", "high"),
            row(GOOGLE_VERTEX, "", ThinkingStyle.GEMINI_LEVEL).levels("low", "medium", "high"),

            // Bedrock model ids carry the vendor (anthropic.) and may carry a geography prefix (us., eu.).
            row(AMAZON_BEDROCK, "anthropic\\.claude-(opus|sonnet)-4-[6-9]|anthropic\\.claude-(opus|sonnet|fable)-5",
                    ThinkingStyle.BEDROCK_ADAPTIVE),
            row(AMAZON_BEDROCK, "anthropic\\.claude-(opus-4|sonnet-4|haiku-4-5|3-7-sonnet)", ThinkingStyle.BEDROCK_BUDGET),
            row(AMAZON_BEDROCK, "", ThinkingStyle.NONE),

            row(OPEN_ROUTER, "", ThinkingStyle.OPENROUTER_EFFORT),
            row(NOVITA, "", ThinkingStyle.BINARY_TOGGLE),
            row(OPENAI_COMPATIBLE, "", ThinkingStyle.BINARY_TOGGLE));

    private Capabilities() {
    }

    public static ModelCapability lookup(ProviderId provider, String model) {
        String id = model == null ? "" : model.trim().toLowerCase(Locale.ROOT);
        String bare = id.startsWith("models/") ? id.substring("models/".length()) : id;
        return TABLE.stream().filter(r -> r.matches(provider, bare)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no capability row for " + provider));
    }
}
