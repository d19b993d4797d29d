package dev.byok.configservice.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document of the REST API, served at {@code /v3/api-docs} (Swagger UI at
 * {@code /swagger-ui.html}) and committed as {@code docs/openapi.json}; {@code OpenApiIT} keeps the
 * two equal. The server is relative, so the document is the same on every host and port.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI byokOpenApi() {
        return new OpenAPI()
                .info(new Info().title("byok-review config-service").version("v1")
                        .description("Per-organization BYOK model slots (main and fallback), the curated model catalog,"
                                + " probes, and the status of an org's slots. Every endpoint but the catalog needs a"
                                + " bearer token (HS256 over BYOK_JWT_SECRET, or RS256/ES256 from BYOK_JWT_JWKS_URI)"
                                + " whose `orgs` claim lists the org, or whose `scope` holds `byok:admin`. Errors are"
                                + " RFC 9457 problem details. See docs/api.md."))
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * What the annotations of the controllers cannot say: a summary per operation, the public catalog,
     * and the problem answers (RFC 9457) each operation can give. Kept here, beside the document's
     * other settings, so the controllers stay plain.
     */
    @Bean
    OpenApiCustomizer operationsAndProblems() {
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String key = method.name() + " " + path;
                operation.setSummary(SUMMARIES.get(key));
                ApiResponses responses = operation.getResponses();
                if (path.equals("/api/v1/byok/catalog")) {
                    operation.setSecurity(List.of());
                    return;
                }
                if (method == PathItem.HttpMethod.DELETE) {
                    responses.remove("200");
                    responses.addApiResponse("204", new ApiResponse().description("Deleted."));
                }
                problem(responses, "401", "No token, or one that is expired or not signed with the deployment's key.");
                problem(responses, "403", "The token may not manage this org (or lacks byok:admin).");
                if (path.contains("{")) {
                    problem(responses, "400", "A path parameter or the body is invalid; errors names each field.");
                }
                if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.POST) {
                    problem(responses, "413", "The body is larger than byok.max-body-bytes.");
                }
                if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.DELETE) {
                    problem(responses, "412", "If-Match names a version that is no longer current.");
                }
                if (key.equals("PUT /api/v1/orgs/{orgId}/byok/{slot}")) {
                    responses.addApiResponse("422", new ApiResponse()
                            .description("With ?test=true: the probe failed; nothing was saved.")
                            .content(new Content().addMediaType("application/json", new MediaType()
                                    .schema(new Schema<>().$ref("#/components/schemas/ProbeResult")))));
                }
                if (path.endsWith("/test") || key.equals("PUT /api/v1/orgs/{orgId}/byok/{slot}")) {
                    problem(responses, "429", "Too many probes for this org in the last minute (Retry-After says when).");
                }
                problem(responses, "503", "The broker, the config view or the key service (KMS) cannot answer now; retry.");
            }));
        };
    }

    static final String PROBLEM = "Problem";

    private static final java.util.Map<String, String> SUMMARIES = java.util.Map.ofEntries(
            java.util.Map.entry("GET /api/v1/byok/catalog", "The curated models, with their defaults and plans (public)"),
            java.util.Map.entry("GET /api/v1/orgs", "Every org with its own config (byok:admin)"),
            java.util.Map.entry("GET /api/v1/orgs/{orgId}/byok", "The org's effective config: its own, the deployment"
                    + " default, or none; never a key"),
            java.util.Map.entry("GET /api/v1/orgs/{orgId}/byok/status", "The org's config and the live state of its slots:"
                    + " permits held, cooldowns, each worker's breaker, paused lane and failures"),
            java.util.Map.entry("PUT /api/v1/orgs/{orgId}/byok/{slot}", "Create or replace a slot (main or fallback);"
                    + " ?test=true probes it first"),
            java.util.Map.entry("DELETE /api/v1/orgs/{orgId}/byok/{slot}", "Remove a slot"),
            java.util.Map.entry("GET /api/v1/orgs/{orgId}/byok/usage", "The tokens the org's served reviews used per"
                    + " slot, provider and model, per hour or day, with the estimated cost"),
            java.util.Map.entry("GET /api/v1/orgs/{orgId}/byok/budget", "The org's budget (404 when it has none)"),
            java.util.Map.entry("PUT /api/v1/orgs/{orgId}/byok/budget", "Set the org's token and cost limits per day"
                    + " and month, enforced across all workers"),
            java.util.Map.entry("DELETE /api/v1/orgs/{orgId}/byok/budget", "Remove the org's budget"),
            java.util.Map.entry("GET /api/v1/usage", "Every org's usage totals and estimated cost in a range (byok:admin)"),
            java.util.Map.entry("GET /api/v1/orgs/{orgId}/byok/audit", "The org's audit trail, newest first: who"
                    + " changed which slot, when, and which fields (never a key); ?before= pages back"),
            java.util.Map.entry("POST /api/v1/orgs/{orgId}/byok/{slot}/test", "Probe a slot (saved, or the body's) with a"
                    + " metadata call, no inference"),
            java.util.Map.entry("POST /api/v1/orgs/{orgId}/byok/{slot}/validate", "What saving this slot would say"
                    + " (warnings or errors), without saving"),
            java.util.Map.entry("POST /api/v1/admin/keys/rewrap", "Re-wrap every stored data key with the primary"
                    + " key-encryption key (byok:admin)"));

    private static void problem(ApiResponses responses, String status, String description) {
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                .addMediaType("application/problem+json", new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldError));
    }
}
