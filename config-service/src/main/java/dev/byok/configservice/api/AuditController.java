package dev.byok.configservice.api;

import dev.byok.configservice.audit.AuditLog;
import dev.byok.configservice.audit.AuditPage;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An org's audit trail: who changed its slots and keys, when, and what changed (never a key). */
@RestController
class AuditController {

    static final int MAX_LIMIT = 200;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/orgs/{orgId}/byok/audit")
    ResponseEntity<AuditPage> page(@PathVariable String orgId,
            @RequestParam(name = "before", required = false) String before,
            @RequestParam(name = "limit", defaultValue = "50") String limit, @AuthenticationPrincipal Jwt jwt) {
        ByokController.authorize(jwt, orgId);
        return ResponseEntity.ok(audit.page(orgId, cursor(before), limitOf(limit)));
    }

    private static Long cursor(String before) {
        if (before == null || before.isEmpty()) {
            return null;
        }
        try {
            long offset = Long.parseLong(before);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadRequestException("before", "must be the 'next' cursor of a previous page");
    }

    private static int limitOf(String limit) {
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
