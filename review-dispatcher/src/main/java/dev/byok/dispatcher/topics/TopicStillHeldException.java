package dev.byok.dispatcher.topics;

/**
 * A removed tenant topic cannot be made again yet: a worker still holds partitions of the removed
 * one. Made again now, that worker would go on reading the new topic from the old topic's offsets
 * and skip its first reviews. The batch is read again after a back-off; the worker lets go once
 * its next metadata refresh ({@code byok.topic-discovery-interval}) sees the topic gone.
 */
public final class TopicStillHeldException extends RuntimeException {

    public TopicStillHeldException(String message) {
        super(message);
    }
}
