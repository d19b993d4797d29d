package dev.byok.configservice.slots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyHintsTest {

    @Test
    void aLongKeyShowsItsVendorPrefixAndItsLastFourCharacters() {
        assertThat(KeyHints.of("sk-proj-abcdefghijklmnopa1b2")).isEqualTo("sk-…a1b2");
        assertThat(KeyHints.of("AIzaSyA1234567890abcd")).isEqualTo("…abcd");
    }

    @Test
    void aShortKeyShowsAtMostAQuarterOfItselfAndNeverItsPrefix() {
        // before: "abc-…hijk", eight of twelve characters
        assertThat(KeyHints.of("abc-defghijk")).isEqualTo("…ijk");
        assertThat(KeyHints.of("sk-0123456789abcd")).isEqualTo("…abcd");
    }

    @Test
    void aVeryShortKeyShowsNothing() {
        assertThat(KeyHints.of("sk-12345678")).isEqualTo("…");
        assertThat(KeyHints.of("abc")).isEqualTo("…");
        assertThat(KeyHints.of("")).isEqualTo("…");
    }

    /** Whatever the key, the hint holds at most four of its characters besides a vendor prefix of a long key. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 8, 11, 12, 15, 16, 19, 20, 40, 200})
    void theHintNeverRevealsMoreThanFourCharactersOfTheSecretPart(int length) {
        String key = "abc-" + "x".repeat(Math.max(0, length - 4));
        String hint = KeyHints.of(key.substring(0, Math.min(key.length(), length)));
        String shown = hint.substring(hint.indexOf('…') + 1);

        assertThat(shown.length()).isLessThanOrEqualTo(length < 12 ? 0 : Math.min(4, length / 4));
        assertThat(hint.startsWith("abc-")).isEqualTo(length >= 20);
    }
}
