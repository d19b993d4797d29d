package dev.byok.provider;

import dev.byok.model.SlotSettings;
import dev.byok.provider.internal.rules.WirePlan;
import dev.byok.provider.internal.rules.WirePlanner;

/**
 * The provider rules of a slot, for config-service to run at save time. It runs the very planner
 * the clients use to build each request, so a save's warnings describe exactly what will reach the
 * wire, and a slot that would be refused here is never sent.
 */
public final class SlotRules {

    private SlotRules() {
    }

    /** Pure: no I/O, no clock. {@code settings} are the slot as it will be stored (baseUrl is not looked at). */
    public static SlotCheck check(SlotSettings settings) {
        WirePlan plan = WirePlanner.plan(settings);
        return new SlotCheck(plan.warnings(), plan.errors());
    }
}
