package dev.byok.model;

public enum ReviewStatus {
    COMPLETED,
    FAILED
}
