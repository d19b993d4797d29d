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
    private static final Pattern GEMINI_STREAM = Pattern.compile(".*/models/([^/]+):streamGenerateContent");
    private static final Pattern BEDROCK_CONVERSE = Pattern.compile(".*/model/([^/]+)/converse");
    private static final Pattern MODEL_INFO = Pattern.compile(".*/publishers/google/models/([^/:]+)");

    /** The pathModel of Bedrock's model list route: it answers in Bedrock's shape. */
    static final String BEDROCK_LIST = "bedrock:foundation-models";

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
            if (p.endsWith("/foundation-models")) {
                return Optional.of(new Route(Endpoint.MODELS, BEDROCK_LIST));
            }
            Matcher info = MODEL_INFO.matcher(p);
            if (info.matches()) {
                return Optional.of(new Route(Endpoint.MODEL_INFO, info.group(1)));
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
        if (p.endsWith("/token")) {
            return Optional.of(new Route(Endpoint.GOOGLE_TOKEN, null));
        }
        Matcher converse = BEDROCK_CONVERSE.matcher(p);
        if (converse.matches()) {
            return Optional.of(new Route(Endpoint.BEDROCK_CONVERSE, converse.group(1)));
        }
        Matcher geminiStream = GEMINI_STREAM.matcher(p);
        if (geminiStream.matches()) {
            return Optional.of(new Route(Endpoint.GEMINI_GENERATE_CONTENT, geminiStream.group(1), true));
        }
        Matcher gemini = GEMINI_GENERATE.matcher(p);
        if (gemini.matches()) {
            return Optional.of(new Route(Endpoint.GEMINI_GENERATE_CONTENT, gemini.group(1)));
        }
        return Optional.empty();
    }
}
