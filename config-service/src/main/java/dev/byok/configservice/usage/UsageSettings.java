package dev.byok.configservice.usage;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The usage ledger's settings (README, "Spend and usage").
 *
 * @param enabled count usage from the outcomes on this instance (one consumer group across instances)
 * @param hoursKeptFor how long hourly buckets are kept
 * @param daysKeptFor how long daily buckets are kept
 * @param countedMarkKeptFor how long a review stays marked as counted; longer than the results topic's
 *     retention, so no outcome can be counted twice
 * @param pricesFile {@code BYOK_PRICES_FILE}: prices that add to or override the shipped ones
 */
@ConfigurationProperties("byok.usage")
public record UsageSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("35d") Duration hoursKeptFor,
        @DefaultValue("400d") Duration daysKeptFor,
        @DefaultValue("8d") Duration countedMarkKeptFor,
        Path pricesFile) {

    public UsageSettings {
        for (Duration d : new Duration[] {hoursKeptFor, daysKeptFor, countedMarkKeptFor}) {
            if (d == null || d.toSeconds() < 1) {
                throw new IllegalArgumentException("byok.usage.*-kept-for must be at least one second");
            }
        }
    }
}
