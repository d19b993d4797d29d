package dev.byok.model;

public record Usage(Long inputTokens, Long outputTokens, Long reasoningTokens) {
}
