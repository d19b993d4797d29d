package dev.byok.provider;

import dev.byok.model.ProviderId;

class GeminiContractTest extends AbstractProviderContractTest {

    @Override
    ProviderId provider() {
        return ProviderId.GOOGLE_GEMINI;
    }

    @Override
    String basePath() {
        return "/v1beta";
    }

    @Override
    String model() {
        return "gemini-3.1-pro-preview-customtools";
    }
}
