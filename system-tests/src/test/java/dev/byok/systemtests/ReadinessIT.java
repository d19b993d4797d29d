package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What compose's health checks and Kubernetes' probes ask: each service's readiness group, HTTP 200
 * while its connections work and its config view has read the config topic to its end. What the group is made of shows only to an admin token on config-service; the dispatcher's
 * and workers' ports have no authentication and show the status alone.
 */
class ReadinessIT {

    @Test
    void everyServiceIsReadyWithTheConnectionsItWorksThrough() throws Exception {
        Stack stack = SystemUnderTest.stack();
        String admin = stack.tokens().admin(java.time.Duration.ofMinutes(5));

        assertThat(components(stack.configService(), admin)).contains("kafka", "readinessState", "configView");
        assertThat(components(stack.configService(), null)).as("details for admins only").isEmpty();
        assertThat(components(stack.dispatcher(), null)).isEmpty();
        for (ServiceProcess worker : stack.workers()) {
            assertThat(components(worker, null)).isEmpty();
        }
    }

    /** Liveness is the application's own state: UP while the process works, whatever its connections do. */
    @Test
    void everyServiceIsLive() throws Exception {
        Stack stack = SystemUnderTest.stack();
        java.util.List<ServiceProcess> services = new java.util.ArrayList<>(java.util.List.of(stack.configService(),
                stack.dispatcher()));
        services.addAll(stack.workers());
        for (ServiceProcess service : services) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service.name() + ": " + response.body()).isEqualTo(200);
            assertThat(Json.lenient().readTree(response.body()).path("components").propertyNames()).as(service.name())
                    .isEmpty();
        }
    }

    private static java.util.Collection<String> components(ServiceProcess service, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health/readiness"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(service.name() + ": " + response.body()).isEqualTo(200);
        JsonNode health = Json.lenient().readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        return health.path("components").propertyNames();
    }
}
