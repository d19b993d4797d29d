package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an org's effective config comes from (CONTRACTS §2, GET .../byok). */
public enum ConfigSource {
    BYOK("byok"),
    ENVIRONMENT("environment"),
    NONE("none");

    private final String wire;

    ConfigSource(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
