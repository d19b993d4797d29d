package dev.byok.configservice.budget;

import dev.byok.configservice.slots.FieldError;
import dev.byok.configservice.slots.InvalidSlotException;
import dev.byok.configservice.store.ConfigWriter;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.model.AuditRecord.AuditAction;
import dev.byok.model.Budget;
import dev.byok.model.OrgConfigChanged;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Sets and clears an org's budget: checked, then written with the org's config (so every worker
 * enforces the same limits as soon as it reads the change) and audited like any change.
 */
@Service
public class BudgetService {

    private final ConfigWriter writer;
    private final ConfigTopicView view;
    private final Clock clock;

    public BudgetService(ConfigWriter writer, ConfigTopicView view, Clock clock) {
        this.writer = writer;
        this.view = view;
        this.clock = clock;
    }

    public Optional<Budget> get(String orgId) {
        view.awaitCaughtUp(Duration.ofSeconds(5));
        return view.latest(orgId).map(OrgConfigChanged::budget);
    }

    /** Sets the org's budget; returns the config version it is in. */
    public long set(String orgId, Budget budget, Long ifMatch, String actor) {
        List<FieldError> errors = check(budget);
        if (!errors.isEmpty()) {
            throw new InvalidSlotException(errors);
        }
        return writer.write(orgId, ifMatch, (current, version, writeId) -> Optional.of(new OrgConfigChanged(
                OrgConfigChanged.SCHEMA_VERSION, orgId, version, current.map(OrgConfigChanged::main).orElse(null),
                current.map(OrgConfigChanged::fallback).orElse(null), clock.instant(), writeId, budget)),
                new ConfigWriter.Audit(actor, AuditAction.BUDGET_CHANGED, null)).map(OrgConfigChanged::version)
                .orElseThrow();
    }

    public void clear(String orgId, Long ifMatch, String actor) {
        writer.write(orgId, ifMatch, (current, version, writeId) -> {
            if (current.isEmpty() || current.get().budget() == null) {
                return Optional.empty();
            }
            OrgConfigChanged was = current.get();
            return Optional.of(new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, orgId, version, was.main(),
                    was.fallback(), clock.instant(), writeId, null));
        }, new ConfigWriter.Audit(actor, AuditAction.BUDGET_CHANGED, null));
    }

    static List<FieldError> check(Budget budget) {
        List<FieldError> errors = new ArrayList<>();
        if (budget == null) {
            errors.add(new FieldError("body", "a Budget is required; DELETE clears the budget"));
            return errors;
        }
        positive(errors, "tokensPerDay", budget.tokensPerDay());
        positive(errors, "tokensPerMonth", budget.tokensPerMonth());
        positive(errors, "costPerDayUsd", budget.costPerDayUsd());
        positive(errors, "costPerMonthUsd", budget.costPerMonthUsd());
        if (!budget.limitsAnything()) {
            errors.add(new FieldError("tokensPerDay", "set at least one limit (tokensPerDay, tokensPerMonth, "
                    + "costPerDayUsd or costPerMonthUsd); DELETE clears the budget"));
        }
        if (!(budget.alertAt() > 0 && budget.alertAt() <= 1)) {
            errors.add(new FieldError("alertAt", "must be a fraction above 0 and at most 1 (0.8 alerts at 80 %)"));
        }
        return errors;
    }

    private static void positive(List<FieldError> errors, String field, Long value) {
        if (value != null && value < 1) {
            errors.add(new FieldError(field, "must be at least 1, or left out for no limit"));
        }
    }

    private static void positive(List<FieldError> errors, String field, BigDecimal value) {
        if (value != null && value.signum() <= 0) {
            errors.add(new FieldError(field, "must be above 0, or left out for no limit"));
        }
    }
}
