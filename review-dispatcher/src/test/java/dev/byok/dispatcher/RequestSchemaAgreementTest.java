package dev.byok.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.Schemas;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dispatcher forwards exactly the requests that follow docs/schemas/review-requested.schema.json
 * and dead-letters the others: for each record here, the committed schema and the dispatcher's
 * reader give the same verdict. A record over the size limit is the one thing the schema cannot
 * say; none here comes near it.
 */
class RequestSchemaAgreementTest {

    private static final String VALID = """
            {"schemaVersion":1,"reviewId":"pr-4711.r1:a_b","orgId":"Acme-1",
             "messages":[{"role":"system","content":"You review code."},{"role":"user","content":"diff --git a b"}],
             "metadata":{"repository":"acme/api","pullRequest":4711,"ratio":0.5},"requestedAt":"2026-11-26T12:00:00Z"}""";

    private final RequestReader reader = new RequestReader(8 * 1024 * 1024);

    static Stream<String> records() {
        return Stream.of(
                VALID,
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":""}]}""",
                """
                {"schemaVersion":1.0,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d","name":"x"}],
                 "extra":{"anything":true},"metadata":null,"requestedAt":null}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],
                 "requestedAt":"2026-11-26T14:00:00.123+02:00"}""",
                // broken, one rule at a time
                VALID.replace("\"schemaVersion\":1,", ""),
                VALID.replace("\"schemaVersion\":1", "\"schemaVersion\":2"),
                VALID.replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\""),
                VALID.replace("\"schemaVersion\":1", "\"schemaVersion\":1.5"),
                VALID.replace("\"reviewId\":\"pr-4711.r1:a_b\",", ""),
                VALID.replace("\"reviewId\":\"pr-4711.r1:a_b\"", "\"reviewId\":\"\""),
                VALID.replace("\"reviewId\":\"pr-4711.r1:a_b\"", "\"reviewId\":\"has space\""),
                VALID.replace("\"reviewId\":\"pr-4711.r1:a_b\"", "\"reviewId\":\"" + "r".repeat(129) + "\""),
                VALID.replace("\"reviewId\":\"pr-4711.r1:a_b\"", "\"reviewId\":4711"),
                VALID.replace("\"reviewId\":\"pr-4711.r1:a_b\"", "\"reviewId\":null"),
                VALID.replace("\"orgId\":\"Acme-1\"", "\"orgId\":\"-acme\""),
                VALID.replace("\"orgId\":\"Acme-1\"", "\"orgId\":\"acme.io\""),
                VALID.replace("\"orgId\":\"Acme-1\"", "\"orgId\":\"" + "a".repeat(65) + "\""),
                VALID.replace("\"orgId\":\"Acme-1\"", "\"orgId\":7"),
                VALID.replace("\"orgId\":\"Acme-1\",", ""),
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a"}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":null}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":"diff"}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[null]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"system","content":"s"}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"robot","content":"d"}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"USER","content":"d"}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"content":"d"}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user"}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":null}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":42}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":true}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":["d"]}]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"metadata":{"a":{"b":1}}}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"metadata":{"a":true}}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"metadata":{"a":null}}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"metadata":["a"]}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"metadata":"a"}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"requestedAt":1764158400}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"requestedAt":"yesterday"}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"requestedAt":"2026-11-26T12:00:00"}""",
                """
                {"schemaVersion":1,"reviewId":"r","orgId":"a","messages":[{"role":"user","content":"d"}],"requestedAt":"2026-11-26"}""",
                "[]", "\"a string\"", "42", "null", "{", "not json at all");
    }

    @ParameterizedTest
    @MethodSource("records")
    void theSchemaAndTheDispatcherGiveTheSameVerdict(String record) {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        java.util.List<String> violations = Schemas.violations(Schemas.REVIEW_REQUESTED, bytes);
        RequestReader.Result read = reader.read(bytes);

        assertThat(read instanceof RequestReader.Valid).as("dispatcher says %s; schema says %s", read, violations)
                .isEqualTo(violations.isEmpty());
    }
}
