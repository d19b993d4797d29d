package dev.byok.configservice.api;

import dev.byok.configservice.security.OrgAccess;
import dev.byok.configservice.slots.SlotService;
import dev.byok.configservice.status.LiveState;
import dev.byok.configservice.status.OrgStatus;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.model.ConfigSource;
import dev.byok.model.OrgByokView;
import dev.byok.model.SlotView;
import java.time.Duration;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Additions to the contract for operators and the {@code byok} CLI: the list of configured orgs
 * (byok:admin only) and an org's live status.
 */
@RestController
class OrgsController {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ConfigTopicView view;
    private final SlotService slots;
    private final LiveState live;

    OrgsController(ConfigTopicView view, SlotService slots, LiveState live) {
        this.view = view;
        this.slots = slots;
        this.live = live;
    }

    /** Every org with its own config (not those served by the deployment default alone), sorted by id. */
    @GetMapping("/api/v1/orgs")
    ResponseEntity<OrgList> list(@AuthenticationPrincipal Jwt jwt) {
        if (!OrgAccess.isAdmin(jwt)) {
            throw new ForbiddenException();
        }
        if (!view.awaitCaughtUp(READ_TIMEOUT)) {
            throw new dev.byok.configstore.ConfigStoreUnavailableException("the config view did not catch up with the log within " + READ_TIMEOUT);
        }
        List<OrgByokView> orgs = view.orgIds().stream().sorted()
                .flatMap(org -> view.find(org).stream())
                .map(c -> new OrgByokView(c.orgId(), c.version(), ConfigSource.BYOK,
                        c.main() == null ? null : SlotView.of(c.main()),
                        c.fallback() == null ? null : SlotView.of(c.fallback())))
                .toList();
        return ResponseEntity.ok(new OrgList(orgs));
    }

    /**
     * The org's config and the live state of its slots across all workers: permits held, cooldowns,
     * and each worker's breaker, paused lane and failures.
     */
    @GetMapping("/api/v1/orgs/{orgId}/byok/status")
    ResponseEntity<OrgStatus> status(@PathVariable String orgId, @AuthenticationPrincipal Jwt jwt) {
        ByokController.authorize(jwt, orgId);
        return ResponseEntity.ok(live.of(slots.get(orgId)));
    }
}
