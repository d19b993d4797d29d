package dev.byok.worker.review;

import dev.byok.model.Slot;
import org.slf4j.MDC;

/**
 * The review a thread is working on, in the logging context (MDC): every line logged while it is
 * open carries {@code reviewId}, {@code orgId}, {@code slot} and {@code attempt}, as fields of
 * the JSON log lines ({@code logging.structured.format.console=ecs} or {@code logstash}) and in
 * the plain format's MDC. Opened on the virtual thread that serves the review and closed when it
 * ends, so a thread that serves the next review never carries the last one's ids. Never a key.
 */
public final class ReviewLogContext implements AutoCloseable {

    static final String REVIEW_ID = "reviewId";
    static final String ORG_ID = "orgId";
    static final String SLOT = "slot";
    static final String ATTEMPT = "attempt";

    private ReviewLogContext() {
    }

    /** @param attempt the number of this attempt of the review, 1 for its first provider call */
    public static ReviewLogContext open(String reviewId, String orgId, Slot slot, int attempt) {
        MDC.put(REVIEW_ID, reviewId);
        MDC.put(ORG_ID, orgId);
        MDC.put(SLOT, slot.wire());
        MDC.put(ATTEMPT, Integer.toString(attempt));
        return new ReviewLogContext();
    }

    @Override
    public void close() {
        MDC.remove(REVIEW_ID);
        MDC.remove(ORG_ID);
        MDC.remove(SLOT);
        MDC.remove(ATTEMPT);
    }
}
