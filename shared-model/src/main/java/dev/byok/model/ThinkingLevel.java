package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The thinking preset of a slot; {@code custom} means the slot's customOptions decide. */
public enum ThinkingLevel {
    OFF("off"),
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    CUSTOM("custom");

    private final String wire;

    ThinkingLevel(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ThinkingLevel fromWire(String value) {
        for (ThinkingLevel level : values()) {
            if (level.wire.equals(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException("thinking must be one of off, low, medium, high, custom");
    }
}
