package dev.byok.model;

import java.util.Map;

/** The API roots of CONTRACTS §2.1: where a slot's calls go when it names no baseUrl. */
public final class BaseUrls {

    private static final Map<ProviderId, String> DEFAULTS = Map.of(
            ProviderId.OPENAI, "https://api.openai.com/v1",
            ProviderId.ANTHROPIC, "https://api.anthropic.com/v1",
            ProviderId.GOOGLE_GEMINI, "https://generativelanguage.googleapis.com/v1beta",
            ProviderId.OPEN_ROUTER, "https://openrouter.ai/api/v1",
            ProviderId.NOVITA, "https://api.novita.ai/v3/openai");

    private BaseUrls() {
    }

    /** The root calls go to, without a trailing slash; null when the provider has no default and none was given. */
    public static String effective(ProviderId provider, String baseUrl) {
        String chosen = baseUrl == null || baseUrl.isBlank() ? DEFAULTS.get(provider) : baseUrl.trim();
        if (chosen == null) {
            return null;
        }
        while (chosen.endsWith("/")) {
            chosen = chosen.substring(0, chosen.length() - 1);
        }
        return chosen;
    }

    public static boolean requiresBaseUrl(ProviderId provider) {
        return !DEFAULTS.containsKey(provider);
    }
}
