package dev.byok.worker.review;

import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.DeploymentDefault;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Slot;
import java.time.Duration;
import java.util.Optional;

/**
 * The config a review runs with: the org's own from the config topic, else the deployment default.
 * An org's own config always wins as a whole (its main never mixes with the default's fallback).
 *
 * <p>Which of the two a config is, is known by where it came from, never by what it holds: a
 * record on the config topic that looks like the default (version 0, no key) is still an org's
 * record, and never gets the deployment's key.
 */
public final class OrgConfigs {

    private final ConfigTopicView view;
    private final DeploymentDefault deploymentDefault;

    public OrgConfigs(ConfigTopicView view, DeploymentDefault deploymentDefault) {
        this.view = view;
        this.deploymentDefault = deploymentDefault;
    }

    /** From memory, without waiting: for the poll loop, which must never block. */
    public Optional<ServingConfig> find(String orgId) {
        return view.find(orgId).map(ServingConfig::own).or(() -> fromEnvironment(orgId));
    }

    /**
     * For a review about to run: when the view has no own config for the org, it first catches up
     * with the log, since a config saved just before the review must win over the default (or over
     * "not configured").
     */
    public Optional<ServingConfig> resolve(String orgId, Duration catchUp) {
        Optional<OrgConfigChanged> own = view.find(orgId);
        if (own.isEmpty() && view.awaitCaughtUp(catchUp)) {
            own = view.find(orgId);
        }
        return own.map(ServingConfig::own).or(() -> fromEnvironment(orgId));
    }

    private Optional<ServingConfig> fromEnvironment(String orgId) {
        return deploymentDefault.asConfigOf(orgId).map(ServingConfig::deploymentDefault);
    }

    /** The key of a deployment-default slot (from the environment; empty string when it has none), else empty. */
    Optional<String> defaultKey(ServingConfig config, Slot slot) {
        if (!config.fromEnvironment()) {
            return Optional.empty();
        }
        return Optional.of(deploymentDefault.slot(slot).map(DeploymentDefault.DefaultSlot::apiKey).orElse(""));
    }

    /**
     * A config and where it came from: the org's own record on the config topic, or the deployment
     * default from this process's environment.
     */
    public record ServingConfig(OrgConfigChanged config, boolean fromEnvironment) {

        static ServingConfig own(OrgConfigChanged config) {
            return new ServingConfig(config, false);
        }

        static ServingConfig deploymentDefault(OrgConfigChanged config) {
            return new ServingConfig(config, true);
        }
    }
}
