package dev.byok.simulator.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps method and path to an endpoint by path suffix, so every provider base path works
 * ({@code /v1/chat/completions}, {@code /api/coding/paas/v4/chat/completions}, {@code /openai/v1/…}).
 */
final class Router {

    private static final Pattern GEMINI_GENERATE = Pattern.compile(".*/models/([^/]+):generateContent");

    private Router() {
    }

    /** @param path the decoded path, without query */
    static Optional<Route> route(String method, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if ("POST".equals(method)) {
            return post(p);
        }
        if ("GET".equals(method)) {
            if (p.endsWith("/models")) {
                return Optional.of(new Route(Endpoint.MODELS, null));
            }
            if (p.endsWith("/key")) {
                return Optional.of(new Route(Endpoint.KEY_PROBE, null));
            }
        }
        return Optional.empty();
    }

    private static Optional<Route> post(String p) {
        if (p.endsWith("/chat/completions")) {
            return Optional.of(new Route(Endpoint.CHAT_COMPLETIONS, null));
        }
        if (p.endsWith("/responses")) {
            return Optional.of(new Route(Endpoint.RESPONSES, null));
        }
        if (p.endsWith("/messages")) {
            return Optional.of(new Route(Endpoint.ANTHROPIC_MESSAGES, null));
        }
        Matcher gemini = GEMINI_GENERATE.matcher(p);
        if (gemini.matches()) {
            return Optional.of(new Route(Endpoint.GEMINI_GENERATE_CONTENT, gemini.group(1)));
        }
        return Optional.empty();
    }
}
