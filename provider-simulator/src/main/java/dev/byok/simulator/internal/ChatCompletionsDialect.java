package dev.byok.simulator.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI {@code POST …/chat/completions}, also spoken by OpenRouter, Novita, Moonshot and Z.ai. */
final class ChatCompletionsDialect extends OpenAiDialect {

    @Override
    public Prompt readPrompt(JsonNode body, Route route) {
        Long cap = Wire.number(body, "max_completion_tokens");
        return new Prompt(
                Wire.text(body, "model", Prompt.UNKNOWN_MODEL),
                Tokens.textChars(body.path("messages")),
                cap != null ? cap : Wire.number(body, "max_tokens"));
    }

    @Override
    public String success(Completion c) {
        ObjectNode root = Wire.object();
        root.put("id", "chatcmpl-sim-" + c.seq());
        root.put("object", "chat.completion");
        root.put("created", c.createdEpochSecond());
        root.put("model", c.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", c.text());
        choice.put("finish_reason", c.lengthCapped() ? "length" : "stop");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", c.promptTokens());
        usage.put("completion_tokens", c.outputTokens());
        usage.put("total_tokens", c.promptTokens() + c.outputTokens());
        usage.putObject("completion_tokens_details").put("reasoning_tokens", c.reasoningTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", c.cachedTokens());
        return Wire.write(root);
    }

    @Override
    public java.util.List<String> streamEvents(Completion c) {
        return StreamEvents.chat(c);
    }
}
