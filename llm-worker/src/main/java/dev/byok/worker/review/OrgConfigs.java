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
 */
public final class OrgConfigs {

    private final ConfigTopicView view;
    private final DeploymentDefault deploymentDefault;

    public OrgConfigs(ConfigTopicView view, DeploymentDefault deploymentDefault) {
        this.view = view;
        this.deploymentDefault = deploymentDefault;
    }

    /** From memory, without waiting: for the poll loop, which must never block. */
    public Optional<OrgConfigChanged> find(String orgId) {
        return view.find(orgId).or(() -> deploymentDefault.asConfigOf(orgId));
    }

    /**
     * For a review about to run: when the view has no own config for the org, it first catches up
     * with the log, since a config saved just before the review must win over the default (or over
     * "not configured").
     */
    public Optional<OrgConfigChanged> resolve(String orgId, Duration catchUp) {
        Optional<OrgConfigChanged> own = view.find(orgId);
        if (own.isEmpty() && view.awaitCaughtUp(catchUp)) {
            own = view.find(orgId);
        }
        return own.or(() -> deploymentDefault.asConfigOf(orgId));
    }

    /** The key of a deployment-default slot (from the environment; empty string when it has none), else empty. */
    Optional<String> defaultKey(OrgConfigChanged config, Slot slot) {
        if (!DeploymentDefault.isDefault(config)) {
            return Optional.empty();
        }
        return Optional.of(deploymentDefault.slot(slot).map(DeploymentDefault.DefaultSlot::apiKey).orElse(""));
    }
}
