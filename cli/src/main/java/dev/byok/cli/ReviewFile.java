package dev.byok.cli;

import dev.byok.model.ChatMessage;
import dev.byok.model.Json;
import dev.byok.model.MessageRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What {@code byok review send --file} accepts: a JSON object with {@code messages} (and optionally
 * {@code reviewId} and {@code metadata}), as on the ingress topic; or any other text, a diff, sent
 * as the user message after a default system prompt. Pure.
 */
record ReviewFile(String reviewId, List<ChatMessage> messages, Map<String, Object> metadata) {

    static final String SYSTEM_PROMPT = "You are a careful code reviewer. Point out bugs first, then risks, then style."
            + " Reply LGTM if nothing needs to change.";

    @SuppressWarnings("unchecked")
    static ReviewFile parse(String text) {
        JsonNode root = null;
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                root = Json.lenient().readTree(trimmed);
            } catch (RuntimeException e) {
                throw new UserError("the file starts like JSON but is not: " + ByokCli.firstLine(e.getMessage()));
            }
        }
        if (root == null) {
            if (trimmed.isEmpty()) {
                throw new UserError("the file is empty");
            }
            return new ReviewFile(null, List.of(new ChatMessage(MessageRole.SYSTEM, SYSTEM_PROMPT),
                    new ChatMessage(MessageRole.USER, text)), null);
        }
        JsonNode messages = root.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new UserError("the JSON file needs \"messages\": [{\"role\": \"user\", \"content\": \"...\"}]");
        }
        List<ChatMessage> read = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.path("role").isString() || !message.path("content").isString()) {
                throw new UserError("messages[" + i + "] needs a \"role\" (system, user or assistant) and a \"content\" string");
            }
            try {
                read.add(new ChatMessage(MessageRole.fromWire(message.path("role").asString()),
                        message.path("content").asString()));
            } catch (IllegalArgumentException e) {
                throw new UserError("messages[" + i + "].role must be system, user or assistant");
            }
        }
        if (read.stream().noneMatch(m -> m.role() == MessageRole.USER)) {
            throw new UserError("the messages need at least one user message");
        }
        Map<String, Object> metadata = root.path("metadata").isObject()
                ? Json.lenient().convertValue(root.path("metadata"), LinkedHashMap.class) : null;
        String reviewId = root.path("reviewId").isString() ? root.path("reviewId").asString() : null;
        return new ReviewFile(reviewId, read, metadata);
    }
}
