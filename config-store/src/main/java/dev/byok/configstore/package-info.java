/**
 * The read side of the log-compacted config topic, which is the source of truth of every org's
 * BYOK config: each service folds the topic into a {@link dev.byok.configstore.ConfigTopicView}
 * and answers from memory, and can wait until its view has caught up with the log when it must not
 * act on a stale config.
 */
package dev.byok.configstore;
