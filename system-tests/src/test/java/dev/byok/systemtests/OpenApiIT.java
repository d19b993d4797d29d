package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.RepoLayout;
import dev.byok.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document config-service serves is the one committed as docs/openapi.json, so a client
 * generated from the repository matches the running service. {@code scripts/update-openapi} (this
 * test with {@code -Dbyok.openapi.update=true}) writes the served one there.
 */
class OpenApiIT {

    private static final Path COMMITTED = RepoLayout.root().resolve("docs/openapi.json");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        String served = get("/v3/api-docs");
        JsonNode document = Json.lenient().readTree(served);
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("paths").propertyNames()).contains("/api/v1/orgs", "/api/v1/orgs/{orgId}/byok/status",
                "/api/v1/orgs/{orgId}/byok/{slot}", "/api/v1/byok/catalog");

        if (Boolean.getBoolean("byok.openapi.update")) {
            Files.writeString(COMMITTED, served.strip() + "\n", StandardCharsets.UTF_8);
            System.out.println("Wrote " + COMMITTED);
        }
        Path copy = Path.of("target", "openapi.json");
        Files.writeString(copy, served.strip() + "\n", StandardCharsets.UTF_8);
        assertThat(Files.exists(COMMITTED) ? Json.lenient().readTree(Files.readString(COMMITTED)) : null)
                .as("docs/openapi.json differs from what config-service serves (saved as system-tests/target/openapi.json)."
                        + " Regenerate it with: scripts/update-openapi")
                .isEqualTo(document);
    }

    @Test
    void swaggerUiAndTheDocumentAreReadWithoutAToken() throws Exception {
        assertThat(status("/swagger-ui/index.html")).isEqualTo(200);
        assertThat(status("/v3/api-docs")).isEqualTo(200);
        assertThat(status("/api/v1/orgs")).as("what the UI calls still needs a token").isEqualTo(401);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private int status(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(SystemUnderTest.stack().configService().baseUrl() + path)).build();
    }
}
