/**
 * The simulator's implementation. The HTTP shell ({@link dev.byok.simulator.internal.SimulatorHandler})
 * only reads requests, keeps per-key state and writes what it is told; every decision is made by
 * small pure classes: {@link dev.byok.simulator.internal.Router} (which endpoint),
 * {@link dev.byok.simulator.internal.Credentials} (which key and wire dialect),
 * {@link dev.byok.simulator.internal.Planner} (what to answer), the
 * {@link dev.byok.simulator.internal.Dialect}s (how each provider spells it) and
 * {@link dev.byok.simulator.internal.Tokens} (usage numbers). Not an API: may change at any time.
 */
package dev.byok.simulator.internal;
