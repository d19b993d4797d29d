package dev.byok.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A thin client of config-service's REST API, for the demo and the tests: raw JSON in, status and body out. */
public final class ByokApi {

    /** Every response any client of this JVM received, so a test can prove none of them held a key. */
    private static final java.util.Queue<String> RESPONSES = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String token;

    public ByokApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same API with another bearer token (null: none). */
    public ByokApi withToken(String otherToken) {
        return new ByokApi(baseUrl, otherToken);
    }

    public Response get(String orgId) {
        return send("GET", "/api/v1/orgs/" + orgId + "/byok", null, null);
    }

    public Response putSlot(String orgId, String slot, String json) {
        return send("PUT", "/api/v1/orgs/" + orgId + "/byok/" + slot, json, null);
    }

    public Response putSlot(String orgId, String slot, String json, String ifMatch) {
        return send("PUT", "/api/v1/orgs/" + orgId + "/byok/" + slot, json, ifMatch);
    }

    public Response deleteSlot(String orgId, String slot) {
        return send("DELETE", "/api/v1/orgs/" + orgId + "/byok/" + slot, null, null);
    }

    /** Any request, for tests of what the API refuses. */
    public Response send(String method, String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("if-match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            RESPONSES.add(response.headers().map() + "\n" + response.body());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("etag").orElse(null),
                    response.headers().firstValue("content-type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Headers and bodies of every response received so far. */
    public static java.util.List<String> responsesSeen() {
        return java.util.List.copyOf(RESPONSES);
    }

    public record Response(int status, String body, String etag, String contentType) {
    }
}
