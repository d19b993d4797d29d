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
    OPENAI_COMPATIBLE("openai_compatible"),
    AZURE_OPENAI("azure_openai"),
    GOOGLE_VERTEX("google_vertex"),
    AMAZON_BEDROCK("amazon_bedrock");

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

    /** Whether the API root is built from the slot's {@link CloudSettings} (account names, region). */
    public boolean cloud() {
        return this == AZURE_OPENAI || this == GOOGLE_VERTEX || this == AMAZON_BEDROCK;
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(ProviderId::wire).collect(Collectors.joining(", "));
    }
}
