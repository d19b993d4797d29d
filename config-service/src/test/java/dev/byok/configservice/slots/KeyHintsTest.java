package dev.byok.configservice.slots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyHintsTest {

    @Test
    void showsAVendorPrefixAndTheLastFourCharacters() {
        assertThat(KeyHints.of("sk-proj-abcdefghijklmnopa1b2")).isEqualTo("sk-…a1b2");
        assertThat(KeyHints.of("AIzaSyA1234567890abcd")).isEqualTo("…abcd");
    }

    @Test
    void keysShorterThanTwelveShowNothing() {
        assertThat(KeyHints.of("sk-12345678")).isEqualTo("…");
        assertThat(KeyHints.of("abc")).isEqualTo("…");
        assertThat(KeyHints.of("")).isEqualTo("…");
    }
}
