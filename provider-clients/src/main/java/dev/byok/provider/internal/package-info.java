/**
 * Shared machinery of the provider clients: the HTTP transport, the {@link
 * dev.byok.provider.internal.WireClient} shell every provider runs through, the failure
 * classification (one status table plus per-provider {@link dev.byok.provider.internal.ErrorBodyRules}),
 * retry hints, key scrubbing, and the probe's verdicts. The per-provider wire formats live in
 * {@code <provider>.internal}; the slot rules in {@code internal.rules}.
 */
package dev.byok.provider.internal;
