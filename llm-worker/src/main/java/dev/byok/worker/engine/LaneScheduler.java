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
 * starting where the last round stopped, so an org with a deep backlog cannot starve the others of
 * this worker's in-flight budget. Pure: it only counts; the engine does the asking.
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
     * @param capOf each lane's shared cap (null: none)
     */
    List<Lane> nextPermitRequests(Function<LaneKey, Integer> capOf, long nowMillis) {
        List<Lane> chosen = new ArrayList<>();
        int budget = maxInFlight - committedCapacity();
        Map<LaneKey, Integer> grantedThisRound = new HashMap<>();
        boolean progress = true;
        while (budget > 0 && progress) {
            progress = false;
            for (int i = 0, n = turnOrder.size(); i < n && budget > 0; i++) {
                LaneKey key = turnOrder.pollFirst();
                turnOrder.addLast(key);
                Lane lane = lanes.get(key);
                int already = grantedThisRound.getOrDefault(key, 0);
                if (lane.wantedPermits(capOf.apply(key), nowMillis) > already) {
                    chosen.add(lane);
                    grantedThisRound.merge(key, 1, Integer::sum);
                    budget--;
                    progress = true;
                }
            }
        }
        return chosen;
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
