package dev.byok.configservice.api;

import dev.byok.configservice.budget.BudgetService;
import dev.byok.model.Budget;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** An org's budget: tokens and estimated cost per day and per month, enforced across all workers. */
@RestController
class BudgetController {

    private final BudgetService budgets;

    BudgetController(BudgetService budgets) {
        this.budgets = budgets;
    }

    @GetMapping("/api/v1/orgs/{orgId}/byok/budget")
    ResponseEntity<Budget> get(@PathVariable String orgId, @AuthenticationPrincipal Jwt jwt) {
        ByokController.authorize(jwt, orgId);
        return budgets.get(orgId).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PutMapping("/api/v1/orgs/{orgId}/byok/budget")
    ResponseEntity<Map<String, Object>> put(@PathVariable String orgId,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal Jwt jwt,
            @RequestBody Budget budget) {
        ByokController.authorize(jwt, orgId);
        long version = budgets.set(orgId, budget, IfMatch.parse(ifMatch), jwt.getSubject());
        return ResponseEntity.ok().eTag(Long.toString(version)).body(Map.of("budget", budget, "version", version));
    }

    @DeleteMapping("/api/v1/orgs/{orgId}/byok/budget")
    ResponseEntity<Void> delete(@PathVariable String orgId,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal Jwt jwt) {
        ByokController.authorize(jwt, orgId);
        budgets.clear(orgId, IfMatch.parse(ifMatch), jwt.getSubject());
        return ResponseEntity.noContent().build();
    }
}
