package dev.byok.configstore.kafka;

/**
 * The Kafka broker did not do what was asked in time (create a topic, give its partitions a
 * leader, acknowledge a write) or could not be reached. Transient: the caller retries the same work
 * later (the dispatcher rewinds its batch), it does not give up on it.
 */
public final class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
