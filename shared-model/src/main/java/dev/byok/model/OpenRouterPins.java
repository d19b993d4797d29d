package dev.byok.model;

import java.util.List;

/**
 * OpenRouter provider routing for a slot: which upstream providers to try, in order, and whether
 * OpenRouter may use others when those are unavailable.
 */
public record OpenRouterPins(List<String> pinProviders, Boolean allowFallbacks) {
    public OpenRouterPins {
        pinProviders = pinProviders == null ? List.of() : List.copyOf(pinProviders);
    }
}
