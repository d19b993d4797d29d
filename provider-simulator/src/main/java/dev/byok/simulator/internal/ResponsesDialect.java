package dev.byok.simulator.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI {@code POST …/responses}: prompt from {@code instructions} and {@code input}. */
final class ResponsesDialect extends OpenAiDialect {

    @Override
    public Prompt readPrompt(JsonNode body, Route route) {
        return new Prompt(
                Wire.text(body, "model", Prompt.UNKNOWN_MODEL),
                Tokens.textChars(body.path("instructions")) + Tokens.textChars(body.path("input")),
                Wire.number(body, "max_output_tokens"));
    }

    @Override
    public String success(Completion c) {
        ObjectNode root = Wire.object();
        root.put("id", "resp_sim_" + c.seq());
        root.put("object", "response");
        root.put("created_at", c.createdEpochSecond());
        root.put("status", c.lengthCapped() ? "incomplete" : "completed");
        root.put("model", c.model());
        ArrayNode output = root.putArray("output");
        if (c.lengthCapped()) {
            root.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            root.putNull("incomplete_details");
            ObjectNode message = output.addObject();
            message.put("type", "message");
            message.put("id", "msg_sim_" + c.seq());
            message.put("status", "completed");
            message.put("role", "assistant");
            ObjectNode part = message.putArray("content").addObject();
            part.put("type", "output_text");
            part.put("text", c.text());
            part.putArray("annotations");
        }
        ObjectNode usage = root.putObject("usage");
        usage.put("input_tokens", c.promptTokens());
        usage.put("output_tokens", c.outputTokens());
        usage.put("total_tokens", c.promptTokens() + c.outputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", c.cachedTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", c.reasoningTokens());
        return Wire.write(root);
    }

    @Override
    public java.util.List<String> streamEvents(Completion c) {
        return StreamEvents.responses(c, success(c));
    }
}
