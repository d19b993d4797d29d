package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.provider.internal.Secrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys never survive into details or probe messages, whether given exactly or only shaped like a key. */
class SecretsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Incorrect API key provided: sk-proj-abc1***********************xyz9. Find your key at...|sk-proj-abc1",
            "invalid x-api-key sk-ant-api03-AbCdEf0123456789|sk-ant",
            "bad key AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv|AIza",
            "Authorization: Bearer 0123456789abcdef0123456789abcdef.AbCdEf0123456789|0123456789abcdef",
            "token 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 is wrong|9f86d081"})
    void keyShapedTextIsRedacted(String text, String fragment) {
        assertThat(Secrets.scrub(text, null)).doesNotContain(fragment).contains("<redacted>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "the key test-key-anthropic-0001 is not valid|test-key-anthropic-0001",
            "User not found for my-own-key|my-own-key"})
    void theExactKeyIsRedactedWhateverItsShape(String text, String key) {
        assertThat(Secrets.scrub(text, key)).doesNotContain(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "models/gemini-3.1-pro-preview-customtools is not found",
            "HTTP 429 rate_limit_exceeded: Rate limit reached for gpt-5.4 in organization org-abc on tokens"})
    void ordinaryTextStaysReadable(String text) {
        assertThat(Secrets.scrub(text, "sk-unrelated-key")).isEqualTo(text);
    }
}
