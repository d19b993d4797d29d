package dev.byok.configservice.api;

import dev.byok.configservice.security.OrgAccess;
import dev.byok.configservice.slots.SlotCheckResult;
import dev.byok.configservice.slots.SlotService;
import dev.byok.model.Identifiers;
import dev.byok.model.OrgByokView;
import dev.byok.model.ProbeResult;
import dev.byok.model.Slot;
import dev.byok.model.SlotConfig;
import dev.byok.model.SlotSaved;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading, saving and deleting an org's slots (CONTRACTS §2). */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/byok")
class ByokController {

    private final SlotService slots;

    ByokController(SlotService slots) {
        this.slots = slots;
    }

    @GetMapping
    ResponseEntity<OrgByokView> get(@PathVariable String orgId, @AuthenticationPrincipal Jwt jwt) {
        authorize(jwt, orgId);
        OrgByokView view = slots.get(orgId);
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }

    @PutMapping("/{slot}")
    ResponseEntity<SlotSaved> put(@PathVariable String orgId, @PathVariable String slot,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestParam(name = "test", defaultValue = "false") boolean test, @AuthenticationPrincipal Jwt jwt,
            @RequestBody SlotConfig config) {
        authorize(jwt, orgId);
        SlotSaved saved = slots.save(orgId, slotOf(slot), config, IfMatch.parse(ifMatch), test, jwt.getSubject());
        return ResponseEntity.ok().eTag(Long.toString(saved.version())).body(saved);
    }

    /** Dry validation (an addition to the contract): the warnings or the 400 a save would give; nothing is saved. */
    @PostMapping("/{slot}/validate")
    ResponseEntity<SlotCheckResult> validate(@PathVariable String orgId, @PathVariable String slot,
            @AuthenticationPrincipal Jwt jwt, @RequestBody SlotConfig config) {
        authorize(jwt, orgId);
        return ResponseEntity.ok(slots.validate(orgId, slotOf(slot), config));
    }

    @PostMapping("/{slot}/test")
    ResponseEntity<ProbeResult> test(@PathVariable String orgId, @PathVariable String slot,
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) SlotConfig config) {
        authorize(jwt, orgId);
        return ResponseEntity.ok(slots.probe(orgId, slotOf(slot), config));
    }

    @DeleteMapping("/{slot}")
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String slot,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal Jwt jwt) {
        authorize(jwt, orgId);
        slots.delete(orgId, slotOf(slot), IfMatch.parse(ifMatch), jwt.getSubject());
        return ResponseEntity.noContent().build();
    }

    static void authorize(Jwt jwt, String orgId) {
        if (!Identifiers.isValidOrgId(orgId)) {
            throw new BadRequestException("orgId", "must be 1 to 64 characters: letters, digits and '-', not starting with '-'");
        }
        if (!OrgAccess.mayManage(jwt, orgId)) {
            throw new ForbiddenException();
        }
    }

    static Slot slotOf(String slot) {
        try {
            return Slot.fromWire(slot);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("slot", "must be 'main' or 'fallback'");
        }
    }
}
