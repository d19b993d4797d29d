package dev.byok.bench.load;

/**
 * Who sends what among {@code total} configured orgs in the scale scenario, as on a code-review
 * platform: a few busy orgs, a few hundred that send a review now and then, and the rest idle. The
 * quiet org whose latency is measured is one of the busy ones' neighbours, not counted here. Pure.
 *
 * @param total the configured orgs
 * @param busy orgs sending {@link #BUSY_RATE} reviews a second each
 * @param occasional orgs sending a review about once every {@link #OCCASIONAL_EVERY_SECONDS} seconds
 */
record ScaleMix(int total, int busy, int occasional) {

    static final int MAX_BUSY = 3;
    static final int MAX_OCCASIONAL = 300;
    static final double BUSY_RATE = 4;
    static final int OCCASIONAL_EVERY_SECONDS = 60;

    ScaleMix {
        if (total < 0 || busy < 0 || occasional < 0 || busy + occasional > total) {
            throw new IllegalArgumentException("a mix of " + busy + " busy and " + occasional
                    + " occasional orgs does not fit in " + total);
        }
    }

    /** The mix for {@code total} orgs: up to 3 busy, a tenth of the rest (at most 300) occasional. */
    static ScaleMix of(int total) {
        int busy = Math.min(MAX_BUSY, total);
        int occasional = Math.min(MAX_OCCASIONAL, (total - busy) / 10);
        return new ScaleMix(total, busy, occasional);
    }

    int idle() {
        return total - busy - occasional;
    }

    /** Background reviews a second that the mix sends in all. */
    double ratePerSecond() {
        return busy * BUSY_RATE + occasional / (double) OCCASIONAL_EVERY_SECONDS;
    }

    /**
     * Which org sends the {@code i}-th background review, as an index into the orgs in the order they
     * were configured (busy first, then the occasional ones): the busy orgs get their share of the
     * rate, the occasional ones take turns.
     */
    int sender(int i) {
        if (busy + occasional == 0) {
            throw new IllegalStateException("an idle mix sends nothing");
        }
        double busyShare = busy * BUSY_RATE / ratePerSecond();
        // Deterministic spread: review i goes to the busy orgs when i's position in a cycle of 1,000
        // falls within their share, so that over any 1,000 reviews the shares hold exactly.
        int cycle = Math.floorMod(i * 7919, 1000);
        if (occasional == 0 || cycle < busyShare * 1000) {
            return Math.floorMod(i, Math.max(busy, 1));
        }
        return busy + Math.floorMod(i, occasional);
    }
}
