/**
 * The rules that decide what a slot's settings put on the wire: thinking presets, custom options
 * and their namespaces, OpenRouter pins, and the model capability table. Everything here is pure
 * (settings in, a {@link dev.byok.provider.internal.rules.WirePlan} out), shared by save-time checks
 * and by the clients, so what a save warns about is exactly what is sent.
 */
package dev.byok.provider.internal.rules;
