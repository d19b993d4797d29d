package dev.byok.dispatcher.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an org's tenant topics are due for removal: an org with a config (its own or the
 * deployment's default) after {@code idleRetention} without a write to them, an org without one (its
 * config was deleted) after {@code unconfiguredRetention}. A zero retention never removes. Whether
 * they may be removed (nothing left to serve) is checked after this, on the records themselves.
 *
 * @param idleRetention how long the topics of a configured org stay without a write
 * @param unconfiguredRetention the same for an org whose config is gone
 */
public record RetirementRule(Duration idleRetention, Duration unconfiguredRetention) {

    public RetirementRule {
        if (idleRetention.isNegative() || unconfiguredRetention.isNegative()) {
            throw new IllegalArgumentException("topic retentions cannot be negative");
        }
    }

    /**
     * @param configured whether the org has a config now
     * @param lastWrite the newest record time in the org's tenant topics, else when this dispatcher
     *     first saw them without one
     * @return why the topics are due, or empty to keep them
     */
    public Optional<String> due(boolean configured, Instant lastWrite, Instant now) {
        Duration retention = configured ? idleRetention : unconfiguredRetention;
        if (retention.isZero()) {
            return Optional.empty();
        }
        Duration idle = Duration.between(lastWrite, now);
        if (idle.compareTo(retention) < 0) {
            return Optional.empty();
        }
        return Optional.of(configured ? "idle for " + idle.toSeconds() + " s (byok.idle-topic-retention "
                + idleRetention.toSeconds() + " s)" : "no config and idle for " + idle.toSeconds()
                + " s (byok.unconfigured-topic-retention " + unconfiguredRetention.toSeconds() + " s)");
    }
}
