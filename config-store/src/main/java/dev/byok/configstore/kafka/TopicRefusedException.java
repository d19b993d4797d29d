package dev.byok.configstore.kafka;

/**
 * The broker answered and refused to create a topic (a policy, an ACL, an invalid setting). Waiting
 * will not change this by itself, but an operator can; the dispatcher keeps retrying the batch
 * slowly and reports itself unhealthy meanwhile rather than dropping the requests.
 */
public final class TopicRefusedException extends RuntimeException {

    public TopicRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
