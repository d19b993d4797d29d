package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The providers a slot can name (CONTRACTS §2.1). */
public enum ProviderId {
    OPENAI("openai"),
    ANTHROPIC("anthropic"),
    GOOGLE_GEMINI("google_gemini"),
    OPEN_ROUTER("open_router"),
    NOVITA("novita"),
    OPENAI_COMPATIBLE("openai_compatible");

    private final String wire;

    ProviderId(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ProviderId fromWire(String value) {
        for (ProviderId id : values()) {
            if (id.wire.equals(value)) {
                return id;
            }
        }
        throw new IllegalArgumentException("provider must be one of " + allowedValues());
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(ProviderId::wire).collect(Collectors.joining(", "));
    }
}
