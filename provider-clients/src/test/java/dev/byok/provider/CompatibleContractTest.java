package dev.byok.provider;

import dev.byok.model.ProviderId;

class CompatibleContractTest extends AbstractProviderContractTest {

    @Override
    ProviderId provider() {
        return ProviderId.OPENAI_COMPATIBLE;
    }

    @Override
    String basePath() {
        return "/api/coding/paas/v4";
    }

    @Override
    String model() {
        return "glm-5.1";
    }
}
