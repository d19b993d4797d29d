package dev.byok.model;

public record OutcomeError(ErrorCode code, String message) {
}
