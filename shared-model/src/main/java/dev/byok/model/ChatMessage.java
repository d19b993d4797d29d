package dev.byok.model;

public record ChatMessage(MessageRole role, String content) {
}
