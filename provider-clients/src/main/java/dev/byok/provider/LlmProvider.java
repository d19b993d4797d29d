package dev.byok.provider;

/**
 * One provider's wire format. Implementations translate the request, make exactly one HTTP call,
 * and map whatever comes back (or does not) into a {@link ProviderResult}; they never throw for a
 * provider failure and never retry on their own: retries and fallback are the worker's decision.
 */
public interface LlmProvider {

    ProviderResult call(ProviderRequest request);
}
