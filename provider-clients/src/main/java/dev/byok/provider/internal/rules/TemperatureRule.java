package dev.byok.provider.internal.rules;

import java.util.Locale;

/** Whether a model takes {@code temperature} at all; the warning says why it was dropped. */
public enum TemperatureRule {
    KEEP(null),
    /** The model rejects sampling parameters whatever the thinking setting (Claude Opus 4.7 and newer). */
    DROP_FOR_MODEL("temperature is not supported by %s and will be ignored"),
    /** OpenAI reasoning models reject temperature. */
    DROP_FOR_REASONING("temperature is not supported for reasoning models");

    private final String warning;

    TemperatureRule(String warning) {
        this.warning = warning;
    }

    String warningFor(String model) {
        return warning == null ? null : String.format(Locale.ROOT, warning, model);
    }
}
