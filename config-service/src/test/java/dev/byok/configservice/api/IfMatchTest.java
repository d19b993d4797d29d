package dev.byok.configservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void readsQuotedWeakAndBareVersions() {
        assertThat(IfMatch.parse("\"3\"")).isEqualTo(3L);
        assertThat(IfMatch.parse("W/\"3\"")).isEqualTo(3L);
        assertThat(IfMatch.parse("3")).isEqualTo(3L);
        assertThat(IfMatch.parse(null)).isNull();
        assertThat(IfMatch.parse("*")).isNull();
    }

    @Test
    void anythingElseIsABadRequestNamingTheHeader() {
        assertThatThrownBy(() -> IfMatch.parse("\"abc\"")).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.field()).isEqualTo("If-Match"));
        assertThatThrownBy(() -> IfMatch.parse("-1")).isInstanceOf(BadRequestException.class);
    }
}
