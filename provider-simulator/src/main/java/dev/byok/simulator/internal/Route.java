package dev.byok.simulator.internal;

/**
 * A matched endpoint.
 *
 * @param endpoint which endpoint
 * @param pathModel the model named in the path (Gemini), else {@code null}
 */
record Route(Endpoint endpoint, String pathModel) {
}
