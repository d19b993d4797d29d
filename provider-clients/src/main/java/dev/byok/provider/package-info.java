/**
 * The provider boundary. {@link dev.byok.provider.LlmProvider} turns a review into exactly what a
 * provider's wire expects and the answer back into our records; every failure is mapped here, once,
 * into the attempt outcomes of the contract, so nothing downstream looks at HTTP statuses or
 * provider error bodies. {@link dev.byok.provider.EgressGuard} decides which hosts a customer's
 * baseUrl may reach.
 */
package dev.byok.provider;
