package dev.byok.worker.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Slot;
import dev.byok.model.WorkerSlotReport;
import dev.byok.worker.status.SlotReports.Lane;
import dev.byok.worker.status.SlotReports.Readings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotReportsTest {

    private static final Lane MAIN = new Lane("acme", Slot.MAIN);
    private static final Lane FALLBACK = new Lane("acme", Slot.FALLBACK);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final SlotReports reports = new SlotReports("7@worker-a");

    @Test
    void aLaneThisWorkerServedIsReportedWithItsCallsPauseAndTheMainBreaker() {
        List<SlotReports.Report> next = reports.next(new Readings(Map.of(MAIN, 2, FALLBACK, 0), Set.of(MAIN),
                Set.of(MAIN, FALLBACK), Map.of()), org -> "OPEN", T0);

        assertThat(next).extracting(SlotReports.Report::report).containsExactly(
                new WorkerSlotReport("7@worker-a", T0, 2, true, "OPEN", Map.of(), null, null),
                new WorkerSlotReport("7@worker-a", T0, 0, false, null, Map.of(), null, null));
    }

    @Test
    void theLatestFailureIsTheOutcomeWhoseCountGrewAndKeepsTheRoundItWasSeenIn() {
        reports.next(readings(Map.of("RATE_LIMITED", 3L)), org -> "CLOSED", T0);
        WorkerSlotReport grew = only(reports.next(readings(Map.of("RATE_LIMITED", 3L, "SERVER_ERROR", 2L)),
                org -> "CLOSED", T0.plusSeconds(5)));
        WorkerSlotReport quiet = only(reports.next(readings(Map.of("RATE_LIMITED", 3L, "SERVER_ERROR", 2L)),
                org -> "CLOSED", T0.plusSeconds(10)));

        assertThat(grew.lastFailure()).isEqualTo("SERVER_ERROR");
        assertThat(grew.lastFailureAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(quiet.lastFailureAt()).as("nothing new failed").isEqualTo(T0.plusSeconds(5));
        assertThat(quiet.failures()).containsEntry("RATE_LIMITED", 3L).containsEntry("SERVER_ERROR", 2L);
    }

    @Test
    void failuresCountedBeforeTheFirstRoundAreDatedByIt() {
        WorkerSlotReport first = only(reports.next(readings(Map.of("TIMEOUT", 1L)), org -> "CLOSED", T0));

        assertThat(first.lastFailure()).isEqualTo("TIMEOUT");
        assertThat(first.lastFailureAt()).isEqualTo(T0);
    }

    private static Readings readings(Map<String, Long> failures) {
        return new Readings(Map.of(MAIN, 0), Set.of(), Set.of(MAIN), Map.of(MAIN, failures));
    }

    private static WorkerSlotReport only(List<SlotReports.Report> next) {
        assertThat(next).hasSize(1);
        return next.getFirst().report();
    }
}
