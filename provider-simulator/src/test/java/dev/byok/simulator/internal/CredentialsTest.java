package dev.byok.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final Map<String, List<String>> ALL = Map.of(
            "authorization", List.of("Bearer sk-bearer"),
            "x-api-key", List.of("sk-anthropic"),
            "x-goog-api-key", List.of("sk-google"));

    @Test
    void eachEndpointReadsItsProvidersHeader() {
        assertThat(Credentials.extract(Endpoint.CHAT_COMPLETIONS, ALL, null)).isEqualTo(new Credentials("sk-bearer", Dialects.CHAT));
        assertThat(Credentials.extract(Endpoint.RESPONSES, ALL, null)).isEqualTo(new Credentials("sk-bearer", Dialects.RESPONSES));
        assertThat(Credentials.extract(Endpoint.KEY_PROBE, ALL, null)).isEqualTo(new Credentials("sk-bearer", Dialects.CHAT));
        assertThat(Credentials.extract(Endpoint.ANTHROPIC_MESSAGES, ALL, null)).isEqualTo(new Credentials("sk-anthropic", Dialects.ANTHROPIC));
        assertThat(Credentials.extract(Endpoint.GEMINI_GENERATE_CONTENT, ALL, null)).isEqualTo(new Credentials("sk-google", Dialects.GEMINI));
    }

    @Test
    void geminiFallsBackToTheKeyQueryParameter() {
        assertThat(Credentials.extract(Endpoint.GEMINI_GENERATE_CONTENT, Map.of(), "alt=sse&key=sk%2Dq").apiKey()).isEqualTo("sk-q");
        assertThat(Credentials.extract(Endpoint.GEMINI_GENERATE_CONTENT, Map.of(), "alt=sse").apiKey()).isNull();
    }

    @Test
    void modelListsPickTheirDialectFromTheHeaderPresent() {
        assertThat(Credentials.extract(Endpoint.MODELS, Map.of("x-api-key", List.of("a")), null).dialect()).isSameAs(Dialects.ANTHROPIC);
        assertThat(Credentials.extract(Endpoint.MODELS, Map.of("x-goog-api-key", List.of("g")), null).dialect()).isSameAs(Dialects.GEMINI);
        assertThat(Credentials.extract(Endpoint.MODELS, Map.of(), "key=g").dialect()).isSameAs(Dialects.GEMINI);
        assertThat(Credentials.extract(Endpoint.MODELS, Map.of("authorization", List.of("Bearer o")), null).dialect()).isSameAs(Dialects.CHAT);
        assertThat(Credentials.extract(Endpoint.MODELS, Map.of(), null)).isEqualTo(new Credentials(null, Dialects.CHAT));
    }

    @Test
    void blankOrNonBearerAuthorizationIsNoKey() {
        assertThat(Credentials.extract(Endpoint.CHAT_COMPLETIONS, Map.of("authorization", List.of("Basic abc")), null).apiKey()).isNull();
        assertThat(Credentials.extract(Endpoint.CHAT_COMPLETIONS, Map.of("authorization", List.of("Bearer  ")), null).apiKey()).isNull();
        assertThat(Credentials.extract(Endpoint.CHAT_COMPLETIONS, Map.of("authorization", List.of("bearer sk-x")), null).apiKey()).isEqualTo("sk-x");
    }

    @Test
    void unknownEndpointsTakeAnyCredential() {
        assertThat(Credentials.extract(null, Map.of("x-api-key", List.of("a")), null).apiKey()).isEqualTo("a");
        assertThat(Credentials.extract(null, Map.of(), null).apiKey()).isNull();
    }
}
