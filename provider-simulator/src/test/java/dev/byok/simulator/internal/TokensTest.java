package dev.byok.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TokensTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aboutFourCharactersPerTokenRoundedUp() {
        assertThat(Tokens.prompt(0)).isEqualTo(1);
        assertThat(Tokens.prompt(4)).isEqualTo(1);
        assertThat(Tokens.prompt(5)).isEqualTo(2);
        assertThat(Tokens.output("")).isZero();
        assertThat(Tokens.output("abcdefghi")).isEqualTo(3);
    }

    @Test
    void countsTextInEveryFormatsShape() {
        assertThat(Tokens.textChars(JSON.readTree("[{\"role\":\"user\",\"content\":\"abcd\"}]"))).isEqualTo(4);
        assertThat(Tokens.textChars(JSON.readTree("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"ab\"},{\"type\":\"image\"}]}]")))
                .isEqualTo(2);
        assertThat(Tokens.textChars(JSON.readTree("[{\"role\":\"user\",\"parts\":[{\"text\":\"abc\"},{\"text\":\"d\"}]}]"))).isEqualTo(4);
        assertThat(Tokens.textChars(JSON.readTree("{\"parts\":[{\"text\":\"system\"}]}"))).isEqualTo(6);
        assertThat(Tokens.textChars(JSON.readTree("\"plain\""))).isEqualTo(5);
        assertThat(Tokens.textChars(JSON.missingNode())).isZero();
    }
}
