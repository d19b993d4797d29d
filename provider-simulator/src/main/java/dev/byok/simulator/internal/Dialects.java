package dev.byok.simulator.internal;

/** The dialect singletons. */
final class Dialects {

    static final Dialect CHAT = new ChatCompletionsDialect();
    static final Dialect RESPONSES = new ResponsesDialect();
    static final Dialect ANTHROPIC = new AnthropicDialect();
    static final Dialect GEMINI = new GeminiDialect();
    static final Dialect BEDROCK = new BedrockDialect();

    private Dialects() {
    }
}
