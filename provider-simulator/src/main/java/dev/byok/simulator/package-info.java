/**
 * A local stand-in for the LLM providers byok-review calls on customers' keys, so integration tests
 * and the local demo exercise real HTTP, real wire formats and real failure modes without a network
 * or a bill.
 *
 * <p>Start one with {@link dev.byok.simulator.ProviderSimulator#start()}, point a provider client's
 * base URL at {@link dev.byok.simulator.ProviderSimulator#rootUrl()} (any base path works, routing is
 * by path suffix), and program each API key with a {@link dev.byok.simulator.KeyBehaviour}: latency,
 * a concurrency cap, visible models, answer text and {@link dev.byok.simulator.Fault}s. Behaviour is
 * per key because in the product each customer org brings its own key with its own limits.
 * {@link dev.byok.simulator.KeyStats} and {@link dev.byok.simulator.CapturedRequest} let tests check
 * what a client actually did. Everything below {@code internal} is implementation.
 */
package dev.byok.simulator;
