package dev.byok.simulator.internal;

/**
 * A matched endpoint.
 *
 * @param endpoint which endpoint
 * @param pathModel the model named in the path (Gemini), else {@code null}
 * @param streamed the path itself asks for a stream (Gemini's {@code :streamGenerateContent})
 */
record Route(Endpoint endpoint, String pathModel, boolean streamed) {

    Route(Endpoint endpoint, String pathModel) {
        this(endpoint, pathModel, false);
    }
}
