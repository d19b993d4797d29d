package dev.byok.cli;

import dev.byok.model.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** GETs of config-service's API, with its answers turned into what the user should do. */
final class RestClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    RestClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    <T> T get(String path, Class<T> type) {
        return Json.lenient().readValue(getJson(path), type);
    }

    String getJson(String path) {
        URI uri;
        try {
            uri = URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new UserError("not a URL: " + baseUrl);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + token).header("accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new UserError("cannot reach config-service at " + baseUrl + " (set BYOK_URL or --url)");
        } catch (HttpTimeoutException e) {
            throw new UserError("config-service at " + baseUrl + " did not answer in time");
        } catch (IOException e) {
            throw new UserError("cannot talk to config-service at " + baseUrl + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        } catch (IllegalArgumentException e) {
            throw new UserError("not a URL: " + baseUrl);
        }
        return switch (response.statusCode()) {
            case 200 -> response.body();
            case 401 -> throw new UserError("config-service refused the token (401): it is missing, expired or not"
                    + " signed with this deployment's secret");
            case 403 -> throw new UserError("this token may not do that (403): " + detail(response.body()));
            default -> throw new UserError("config-service answered " + response.statusCode() + ": " + detail(response.body()));
        };
    }

    /** The problem detail's own words, when the body is one. */
    private static String detail(String body) {
        try {
            JsonNode problem = Json.lenient().readTree(body);
            String detail = problem.path("detail").asString("");
            JsonNode errors = problem.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                detail += " (" + errors.get(0).path("field").asString("") + ": " + errors.get(0).path("message").asString("")
                        + ")";
            }
            return detail.isBlank() ? ByokCli.firstLine(body) : detail;
        } catch (RuntimeException notJson) {
            return ByokCli.firstLine(body);
        }
    }
}
