package dev.byok.worker.spend;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The UTC day and calendar month a moment counts against, their names and when each resets. */
public record BudgetPeriods(LocalDate day, YearMonth month) {

    public static BudgetPeriods at(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new BudgetPeriods(day, YearMonth.from(day));
    }

    public String dayName() {
        return day.toString();
    }

    public String monthName() {
        return month.toString();
    }

    public Instant dayResetsAt() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant monthResetsAt() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
