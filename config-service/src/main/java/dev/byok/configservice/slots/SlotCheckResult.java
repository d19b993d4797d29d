package dev.byok.configservice.slots;

import java.util.List;

/** The answer of a dry validation: what a save would warn about, and where calls would go. */
public record SlotCheckResult(List<String> warnings, String effectiveBaseUrl) {
}
