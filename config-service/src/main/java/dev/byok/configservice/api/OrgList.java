package dev.byok.configservice.api;

import dev.byok.model.OrgByokView;
import java.util.List;

/** The answer of {@code GET /api/v1/orgs}: every org with its own config, by orgId. */
public record OrgList(List<OrgByokView> orgs) {
}
