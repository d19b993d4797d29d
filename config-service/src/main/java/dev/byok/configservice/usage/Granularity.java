package dev.byok.configservice.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The buckets usage is summed in: UTC hours or UTC days. */
public enum Granularity {
    HOUR("h", ChronoUnit.HOURS, DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC), Duration.ofDays(31)),
    DAY("d", ChronoUnit.DAYS, DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC), Duration.ofDays(400));

    private final String tag;
    private final ChronoUnit unit;
    private final DateTimeFormatter format;
    private final Duration longestRange;

    Granularity(String tag, ChronoUnit unit, DateTimeFormatter format, Duration longestRange) {
        this.tag = tag;
        this.unit = unit;
        this.format = format;
        this.longestRange = longestRange;
    }

    public static Granularity fromWire(String wire) {
        return switch (wire) {
            case "hour" -> HOUR;
            case "day" -> DAY;
            default -> throw new IllegalArgumentException("granularity must be 'hour' or 'day'");
        };
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The start of the bucket {@code at} falls in. */
    public Instant bucketOf(Instant at) {
        return at.truncatedTo(unit);
    }

    public Instant next(Instant bucket) {
        return bucket.plus(1, unit);
    }

    /** The widest range one query may ask for: 31 days of hours, 400 days of days. */
    public Duration longestRange() {
        return longestRange;
    }

    String tag() {
        return tag;
    }

    String name(Instant bucket) {
        return format.format(bucket);
    }
}
