package dev.byok.model;

/**
 * The headers of a record on {@link Topics#REVIEWS_DEAD_LETTER}: why it was parked and where it
 * came from, so an operator can find and replay it.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "byok.dlt.reason";
    public static final String ORIGINAL_TOPIC = "byok.dlt.original-topic";
    public static final String ORIGINAL_PARTITION = "byok.dlt.original-partition";
    public static final String ORIGINAL_OFFSET = "byok.dlt.original-offset";

    private DeadLetterHeaders() {
    }
}
