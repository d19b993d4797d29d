package dev.byok.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void routesInferenceByPathSuffix() {
        assertThat(Router.route("POST", "/v1/chat/completions")).hasValue(new Route(Endpoint.CHAT_COMPLETIONS, null));
        assertThat(Router.route("POST", "/api/coding/paas/v4/chat/completions")).hasValue(new Route(Endpoint.CHAT_COMPLETIONS, null));
        assertThat(Router.route("POST", "/openai/v1/chat/completions/")).hasValue(new Route(Endpoint.CHAT_COMPLETIONS, null));
        assertThat(Router.route("POST", "/v1/responses")).hasValue(new Route(Endpoint.RESPONSES, null));
        assertThat(Router.route("POST", "/coding/v1/messages")).hasValue(new Route(Endpoint.ANTHROPIC_MESSAGES, null));
        assertThat(Router.route("POST", "/v1beta/models/gemini-2.5-flash:generateContent"))
                .hasValue(new Route(Endpoint.GEMINI_GENERATE_CONTENT, "gemini-2.5-flash"));
    }

    @Test
    void routesMetadataProbes() {
        assertThat(Router.route("GET", "/v1/models")).hasValue(new Route(Endpoint.MODELS, null));
        assertThat(Router.route("GET", "/v1beta/models")).hasValue(new Route(Endpoint.MODELS, null));
        assertThat(Router.route("GET", "/api/v1/key")).hasValue(new Route(Endpoint.KEY_PROBE, null));
    }

    @Test
    void routesTheStreamedAndCloudEndpoints() {
        assertThat(Router.route("POST", "/v1beta/models/g:streamGenerateContent"))
                .contains(new Route(Endpoint.GEMINI_GENERATE_CONTENT, "g", true));
        assertThat(Router.route("POST", "/model/amazon.nova-pro-v1:0/converse"))
                .contains(new Route(Endpoint.BEDROCK_CONVERSE, "amazon.nova-pro-v1:0"));
        assertThat(Router.route("POST", "/token")).contains(new Route(Endpoint.GOOGLE_TOKEN, null));
        assertThat(Router.route("GET", "/v1beta1/projects/p/locations/l/publishers/google/models/gemini-x"))
                .contains(new Route(Endpoint.MODEL_INFO, "gemini-x"));
    }

    @Test
    void rejectsEverythingElse() {
        assertThat(Router.route("GET", "/v1/chat/completions")).isEmpty();
        assertThat(Router.route("POST", "/v1/models")).isEmpty();
        assertThat(Router.route("POST", "/v1/messages/count_tokens")).isEmpty();
        assertThat(Router.route("DELETE", "/v1/models")).isEmpty();
        assertThat(Router.route("GET", "/")).isEmpty();
    }
}
