package dev.byok.configservice.audit;

import dev.byok.model.AuditRecord;
import java.util.List;

/**
 * A page of an org's audit trail, newest first. {@code next} is the cursor of the next (older) page,
 * to pass as {@code before}; null when there is nothing older.
 */
public record AuditPage(List<AuditRecord> records, String next) {

    public AuditPage {
        records = List.copyOf(records);
    }
}
