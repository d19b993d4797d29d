package dev.byok.worker.status;

import dev.byok.model.Slot;
import dev.byok.model.WorkerSlotReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns what a worker measured into one report per (org, slot) it has served. Pure: the readings
 * come in, the reports go out, and the only memory is the failure counts of the previous round,
 * so that a count that grew dates the latest failure (to within one round).
 */
final class SlotReports {

    /** One reading of the worker's meters. */
    record Readings(Map<Lane, Integer> inFlight, Set<Lane> paused, Set<Lane> seen, Map<Lane, Map<String, Long>> failures) {
    }

    record Lane(String orgId, Slot slot) implements Comparable<Lane> {
        @Override
        public int compareTo(Lane other) {
            int byOrg = orgId.compareTo(other.orgId);
            return byOrg != 0 ? byOrg : slot.compareTo(other.slot);
        }
    }

    record Report(Lane lane, WorkerSlotReport report) {
    }

    private final String worker;
    private final Map<Lane, Map<String, Long>> failuresBefore = new HashMap<>();
    private final Map<Lane, Last> lastFailure = new HashMap<>();

    private record Last(String outcome, Instant at) {
    }

    SlotReports(String worker) {
        this.worker = worker;
    }

    /** @param breakerOf the main slot's breaker state of an org on this worker */
    List<Report> next(Readings readings, Function<String, String> breakerOf, Instant now) {
        Set<Lane> lanes = new TreeSet<>(readings.seen());
        lanes.addAll(readings.inFlight().keySet());
        lanes.addAll(readings.paused());
        lanes.addAll(readings.failures().keySet());
        List<Report> reports = new ArrayList<>();
        for (Lane lane : lanes) {
            Map<String, Long> failures = new TreeMap<>(readings.failures().getOrDefault(lane, Map.of()));
            String grown = grownMost(failuresBefore.getOrDefault(lane, Map.of()), failures);
            if (grown != null) {
                lastFailure.put(lane, new Last(grown, now));
            }
            failuresBefore.put(lane, failures);
            Last last = lastFailure.get(lane);
            reports.add(new Report(lane, new WorkerSlotReport(worker, now, readings.inFlight().getOrDefault(lane, 0),
                    readings.paused().contains(lane), lane.slot() == Slot.MAIN ? breakerOf.apply(lane.orgId()) : null,
                    failures, last == null ? null : last.outcome(), last == null ? null : last.at())));
        }
        return reports;
    }

    /** The outcome whose count grew the most since the last round (the kind of failure happening now), or null. */
    private static String grownMost(Map<String, Long> before, Map<String, Long> now) {
        String grown = null;
        long most = 0;
        for (Map.Entry<String, Long> entry : now.entrySet()) {
            long growth = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            if (growth > most) {
                most = growth;
                grown = entry.getKey();
            }
        }
        return grown;
    }
}
