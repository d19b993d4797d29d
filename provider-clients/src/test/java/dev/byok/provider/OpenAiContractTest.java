package dev.byok.provider;

import dev.byok.model.ProviderId;

class OpenAiContractTest extends AbstractProviderContractTest {

    @Override
    ProviderId provider() {
        return ProviderId.OPENAI;
    }

    @Override
    String basePath() {
        return "/v1";
    }

    @Override
    String model() {
        return "gpt-5.4";
    }
}
