package dev.byok.configservice.api;

import dev.byok.configservice.security.OrgAccess;
import dev.byok.configservice.usage.Granularity;
import dev.byok.configservice.usage.UsageQueries;
import dev.byok.configservice.usage.UsageReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What an org's served reviews used and cost, from the usage ledger; and every org's totals for admins. */
@RestController
class UsageController {

    private final UsageQueries usage;
    private final Clock clock;

    UsageController(UsageQueries usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @GetMapping("/api/v1/orgs/{orgId}/byok/usage")
    ResponseEntity<UsageReport> org(@PathVariable String orgId, @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "granularity", defaultValue = "day") String granularity, @AuthenticationPrincipal Jwt jwt) {
        ByokController.authorize(jwt, orgId);
        Granularity g = granularityOf(granularity);
        Range range = range(from, to, g);
        return ResponseEntity.ok(usage.org(orgId, g, range.from(), range.to()));
    }

    @GetMapping("/api/v1/usage")
    ResponseEntity<UsageReport.AcrossOrgs> allOrgs(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to, @AuthenticationPrincipal Jwt jwt) {
        if (!OrgAccess.isAdmin(jwt)) {
            throw new ForbiddenException();
        }
        Range range = range(from, to, Granularity.DAY);
        return ResponseEntity.ok(usage.allOrgs(range.from(), range.to()));
    }

    private Range range(String from, String to, Granularity granularity) {
        Instant end = to == null || to.isBlank() ? granularity.next(granularity.bucketOf(clock.instant()))
                : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(granularity == Granularity.DAY ? Duration.ofDays(30)
                : Duration.ofHours(24)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new BadRequestException("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(granularity.longestRange()) > 0) {
            throw new BadRequestException("from", "the range may span at most " + granularity.longestRange().toDays()
                    + " days with granularity " + granularity.wire());
        }
        return new Range(start, end);
    }

    /** An instant ({@code 2026-12-05T10:00:00Z}) or a UTC day ({@code 2026-12-05}, its start). */
    private static Instant instant(String field, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "must be a UTC day (2026-12-05) or an instant (2026-12-05T10:00:00Z)");
        }
    }

    private static Granularity granularityOf(String value) {
        try {
            return Granularity.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("granularity", "must be 'hour' or 'day'");
        }
    }

    private record Range(Instant from, Instant to) {
    }
}
