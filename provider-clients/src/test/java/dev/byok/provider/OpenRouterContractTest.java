package dev.byok.provider;

import dev.byok.model.ProviderId;

class OpenRouterContractTest extends AbstractProviderContractTest {

    @Override
    ProviderId provider() {
        return ProviderId.OPEN_ROUTER;
    }

    @Override
    String basePath() {
        return "/api/v1";
    }

    @Override
    String model() {
        return "moonshotai/kimi-k2.5";
    }
}
