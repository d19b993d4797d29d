package dev.byok.provider;

import dev.byok.model.ProviderId;

class AnthropicContractTest extends AbstractProviderContractTest {

    @Override
    ProviderId provider() {
        return ProviderId.ANTHROPIC;
    }

    @Override
    String basePath() {
        return "/v1";
    }

    @Override
    String model() {
        return "claude-sonnet-4-6";
    }
}
