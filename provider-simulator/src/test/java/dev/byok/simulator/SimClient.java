package dev.byok.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain JDK HTTP client speaking the four formats to a simulator, as the project's clients would. */
final class SimClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;

    SimClient(ProviderSimulator sim) {
        this.root = sim.rootUrl();
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(root + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(root + path)).GET();
    }

    HttpRequest chat(String key, String model, String user) {
        String body = """
                {"model":"%s","messages":[{"role":"system","content":"You review code."},{"role":"user","content":"%s"}]}"""
                .formatted(model, user);
        return post("/v1/chat/completions", body).header("Authorization", "Bearer " + key).build();
    }

    HttpRequest responses(String key, String model, String input) {
        String body = """
                {"model":"%s","instructions":"You review code.","input":"%s","max_output_tokens":512}"""
                .formatted(model, input);
        return post("/v1/responses", body).header("Authorization", "Bearer " + key).build();
    }

    HttpRequest anthropic(String key, String model, String user) {
        String body = """
                {"model":"%s","max_tokens":256,"system":"You review code.","messages":[{"role":"user","content":"%s"}]}"""
                .formatted(model, user);
        return post("/v1/messages", body).header("x-api-key", key).header("anthropic-version", "2023-06-01").build();
    }

    HttpRequest gemini(String key, String model, String user) {
        String body = """
                {"systemInstruction":{"parts":[{"text":"You review code."}]},\
                "contents":[{"role":"user","parts":[{"text":"%s"}]}],"generationConfig":{"maxOutputTokens":128}}"""
                .formatted(user);
        return post("/v1beta/models/" + model + ":generateContent", body).header("x-goog-api-key", key).build();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and lets the caller see the raw I/O failure. */
    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Returns once the headers are in; the body is read (or not) by the caller. */
    HttpResponse<java.io.InputStream> sendForStream(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
