package dev.byok.dispatcher.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetirementRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final RetirementRule rule = new RetirementRule(Duration.ofDays(7), Duration.ofHours(1));

    @Test
    void aConfiguredOrgsTopicsAreDueOnlyAfterTheIdleRetention() {
        assertThat(rule.due(true, NOW.minus(Duration.ofDays(6)), NOW)).isEmpty();
        assertThat(rule.due(true, NOW.minus(Duration.ofDays(7)), NOW)).get().asString()
                .contains("byok.idle-topic-retention");
    }

    @Test
    void anOrgWithoutAConfigUsesTheShorterRetention() {
        assertThat(rule.due(false, NOW.minus(Duration.ofMinutes(59)), NOW)).isEmpty();
        assertThat(rule.due(false, NOW.minus(Duration.ofMinutes(61)), NOW)).get().asString()
                .contains("no config", "byok.unconfigured-topic-retention");
        assertThat(rule.due(true, NOW.minus(Duration.ofMinutes(61)), NOW)).as("the same topics with a config").isEmpty();
    }

    @Test
    void aZeroRetentionKeepsTopicsForever() {
        RetirementRule keepConfigured = new RetirementRule(Duration.ZERO, Duration.ofMinutes(1));

        assertThat(keepConfigured.due(true, NOW.minus(Duration.ofDays(400)), NOW)).isEmpty();
        assertThat(keepConfigured.due(false, NOW.minus(Duration.ofDays(400)), NOW)).isPresent();
    }

    @Test
    void aWriteStampedAfterNowIsNotIdle() {
        assertThat(rule.due(false, NOW.plus(Duration.ofMinutes(5)), NOW)).as("a producer clock ahead of ours").isEmpty();
    }

    @Test
    void negativeRetentionsAreRefused() {
        assertThatThrownBy(() -> new RetirementRule(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
