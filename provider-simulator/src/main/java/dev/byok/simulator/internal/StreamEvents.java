package dev.byok.simulator.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's streamed answers in each provider's event format (pure): the text in pieces of a
 * few characters, then the format's closing events with the finish reason and usage.
 */
final class StreamEvents {

    private static final int PIECE = 8;

    private StreamEvents() {
    }

    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += PIECE) {
            out.add(text.substring(i, Math.min(text.length(), i + PIECE)));
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    static String event(String name, ObjectNode data) {
        return (name == null ? "" : "event: " + name + "\n") + "data: " + Wire.write(data) + "\n\n";
    }

    static List<String> chat(Completion c) {
        List<String> events = new ArrayList<>();
        for (String piece : pieces(c.text())) {
            ObjectNode chunk = chatChunk(c);
            chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", piece);
            events.add(event(null, chunk));
        }
        ObjectNode last = chatChunk(c);
        ObjectNode choice = last.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", c.lengthCapped() ? "length" : "stop");
        events.add(event(null, last));
        ObjectNode usage = chatChunk(c);
        usage.putArray("choices");
        ObjectNode u = usage.putObject("usage");
        u.put("prompt_tokens", c.promptTokens());
        u.put("completion_tokens", c.outputTokens());
        u.put("total_tokens", c.promptTokens() + c.outputTokens());
        u.putObject("completion_tokens_details").put("reasoning_tokens", c.reasoningTokens());
        u.putObject("prompt_tokens_details").put("cached_tokens", c.cachedTokens());
        events.add(event(null, usage));
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static ObjectNode chatChunk(Completion c) {
        ObjectNode chunk = Wire.object();
        chunk.put("id", "chatcmpl-sim-" + c.seq());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", c.createdEpochSecond());
        chunk.put("model", c.model());
        return chunk;
    }

    static List<String> responses(Completion c, String completedBody) {
        List<String> events = new ArrayList<>();
        ObjectNode created = Wire.object().put("type", "response.created");
        created.putObject("response").put("id", "resp_sim_" + c.seq()).put("status", "in_progress");
        events.add(event("response.created", created));
        for (String piece : pieces(c.text())) {
            ObjectNode delta = Wire.object().put("type", "response.output_text.delta").put("output_index", 0)
                    .put("content_index", 0).put("delta", piece);
            events.add(event("response.output_text.delta", delta));
        }
        String type = c.lengthCapped() ? "response.incomplete" : "response.completed";
        ObjectNode done = Wire.object().put("type", type);
        done.set("response", Wire.parse(completedBody).orElseThrow());
        events.add(event(type, done));
        return events;
    }

    static List<String> anthropic(Completion c) {
        List<String> events = new ArrayList<>();
        ObjectNode start = Wire.object().put("type", "message_start");
        ObjectNode message = start.putObject("message").put("id", "msg_sim_" + c.seq()).put("type", "message")
                .put("role", "assistant").put("model", c.model());
        message.putArray("content");
        message.putObject("usage").put("input_tokens", c.promptTokens() - c.cachedTokens())
                .put("cache_read_input_tokens", c.cachedTokens()).put("output_tokens", 1);
        events.add(event("message_start", start));
        ObjectNode blockStart = Wire.object().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        events.add(event("content_block_start", blockStart));
        events.add(": keep-alive\n\n");
        for (String piece : pieces(c.text())) {
            ObjectNode delta = Wire.object().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            events.add(event("content_block_delta", delta));
        }
        events.add(event("content_block_stop", Wire.object().put("type", "content_block_stop").put("index", 0)));
        ObjectNode messageDelta = Wire.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", c.lengthCapped() ? "max_tokens" : "end_turn");
        messageDelta.putObject("usage").put("output_tokens", c.outputTokens());
        events.add(event("message_delta", messageDelta));
        events.add(event("message_stop", Wire.object().put("type", "message_stop")));
        return events;
    }

    static List<String> gemini(Completion c) {
        List<String> events = new ArrayList<>();
        List<String> pieces = pieces(c.text());
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode chunk = Wire.object();
            ObjectNode candidate = chunk.putArray("candidates").addObject();
            candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", pieces.get(i));
            candidate.put("index", 0);
            boolean last = i == pieces.size() - 1;
            if (last) {
                candidate.put("finishReason", c.lengthCapped() ? "MAX_TOKENS" : "STOP");
            }
            ObjectNode usage = chunk.putObject("usageMetadata").put("promptTokenCount", c.promptTokens())
                    .put("cachedContentTokenCount", c.cachedTokens());
            if (last) {
                usage.put("candidatesTokenCount", c.outputTokens() - c.reasoningTokens())
                        .put("thoughtsTokenCount", c.reasoningTokens())
                        .put("totalTokenCount", c.promptTokens() + c.outputTokens());
            }
            chunk.put("modelVersion", c.model());
            events.add(event(null, chunk));
        }
        return events;
    }
}
