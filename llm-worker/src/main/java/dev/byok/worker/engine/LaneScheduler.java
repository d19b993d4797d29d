package dev.byok.worker.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides which lanes may ask for a permit next. Lanes take turns, one permit request per turn,
 * starting where the last round stopped, and a lane that holds calls never takes the last free
 * slots, so an org with a deep backlog cannot starve the others of this worker's in-flight budget.
 * Pure: it only counts; the engine does the asking.
 */
final class LaneScheduler {

    private final Map<LaneKey, Lane> lanes = new HashMap<>();
    private final Deque<LaneKey> turnOrder = new ArrayDeque<>();
    private final int maxInFlight;

    LaneScheduler(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    Lane lane(LaneKey key) {
        return lanes.computeIfAbsent(key, k -> {
            turnOrder.addLast(k);
            return new Lane(k);
        });
    }

    Lane existing(LaneKey key) {
        return lanes.get(key);
    }

    Collection<Lane> all() {
        return lanes.values();
    }

    /** Calls in flight plus permits being asked for, on this worker. */
    int committedCapacity() {
        int total = 0;
        for (Lane lane : lanes.values()) {
            total += lane.running() + lane.acquiring();
        }
        return total;
    }

    /**
     * The lanes that should ask for one more permit each, in order, within this worker's budget.
     *
     * <p>A lane that already holds calls (running or asking) never takes the last free slots: it
     * leaves one for every other lane that has ready work and holds nothing, plus one for a lane
     * whose first review has not arrived yet. So an org whose backlog could fill the whole budget
     * (no cap, slow calls) still leaves room, and another org's review starts at once instead of
     * waiting for one of those calls to end. A lane that holds nothing may take any free slot.
     *
     * @param capOf each lane's shared cap (null: none)
     */
    List<Lane> nextPermitRequests(Function<LaneKey, Integer> capOf, long nowMillis) {
        List<Lane> chosen = new ArrayList<>();
        int budget = maxInFlight - committedCapacity();
        Map<LaneKey, Integer> wanted = new HashMap<>();
        Map<LaneKey, Integer> granted = new HashMap<>();
        int starving = 0;
        for (Lane lane : lanes.values()) {
            int wants = lane.wantedPermits(capOf.apply(lane.key()), nowMillis);
            wanted.put(lane.key(), wants);
            if (wants > 0 && holds(lane) == 0) {
                starving++;
            }
        }
        boolean progress = true;
        while (budget > 0 && progress) {
            progress = false;
            for (int i = 0, n = turnOrder.size(); i < n && budget > 0; i++) {
                LaneKey key = turnOrder.pollFirst();
                turnOrder.addLast(key);
                Lane lane = lanes.get(key);
                int already = granted.getOrDefault(key, 0);
                if (wanted.get(key) <= already) {
                    continue;
                }
                int holds = holds(lane) + already;
                if (holds > 0 && budget < starving + 2) {
                    continue; // the last free slots are kept for other lanes
                }
                if (holds == 0) {
                    starving--;
                }
                chosen.add(lane);
                granted.merge(key, 1, Integer::sum);
                budget--;
                progress = true;
            }
        }
        return chosen;
    }

    private static int holds(Lane lane) {
        return lane.running() + lane.acquiring();
    }

    /** When the next waiting review anywhere becomes ready (epoch ms), or Long.MAX_VALUE. */
    long nextReadyAtMillis(long nowMillis) {
        long next = Long.MAX_VALUE;
        for (Lane lane : lanes.values()) {
            next = Math.min(next, lane.nextReadyAtMillis(nowMillis));
        }
        return next;
    }

    /** Forgets lanes with nothing queued, asked for or running, so idle orgs cost nothing. */
    void removeIdle() {
        lanes.values().removeIf(lane -> {
            boolean idle = lane.isIdle();
            if (idle) {
                turnOrder.remove(lane.key());
            }
            return idle;
        });
    }
}
