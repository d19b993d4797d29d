package dev.byok.simulator.internal;

/** The provider endpoints the simulator speaks. Inference endpoints are subject to latency, faults and the cap. */
enum Endpoint {
    CHAT_COMPLETIONS(true),
    RESPONSES(true),
    ANTHROPIC_MESSAGES(true),
    GEMINI_GENERATE_CONTENT(true),
    BEDROCK_CONVERSE(true),
    /** Google's OAuth token endpoint (Vertex service-account keys). */
    GOOGLE_TOKEN(false),
    /** One model's metadata, {@code GET …/models/{id}} (the Vertex probe). */
    MODEL_INFO(false),
    MODELS(false),
    KEY_PROBE(false);

    private final boolean inference;

    Endpoint(boolean inference) {
        this.inference = inference;
    }

    boolean inference() {
        return inference;
    }
}
