package dev.byok.provider;

import dev.byok.model.ProviderId;

class NovitaContractTest extends AbstractProviderContractTest {

    @Override
    ProviderId provider() {
        return ProviderId.NOVITA;
    }

    @Override
    String basePath() {
        return "/v3/openai";
    }

    @Override
    String model() {
        return "deepseek/deepseek-v3";
    }
}
