package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two places an org can configure a model: the one it wants, and the one that takes over. */
public enum Slot {
    MAIN("main"),
    FALLBACK("fallback");

    private final String wire;

    Slot(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Slot fromWire(String value) {
        for (Slot slot : values()) {
            if (slot.wire.equals(value)) {
                return slot;
            }
        }
        throw new IllegalArgumentException("slot must be 'main' or 'fallback'");
    }
}
