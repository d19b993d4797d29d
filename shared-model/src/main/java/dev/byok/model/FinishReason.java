package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonValue;

public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    CONTENT_FILTER("content_filter"),
    OTHER("other");

    private final String wire;

    FinishReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
