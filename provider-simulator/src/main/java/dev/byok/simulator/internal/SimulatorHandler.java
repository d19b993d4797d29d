package dev.byok.simulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.byok.simulator.CapturedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP shell: reads the request, records it, asks {@link Planner} what to do, and does it. Keeps
 * no logic of its own beyond the order of steps. Never logs keys, bodies or paths (a Gemini path may
 * carry {@code ?key=}).
 */
final class SimulatorHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(SimulatorHandler.class.getName());

    private final KeyRegistry keys;
    private final CaptureStore captures;
    private final Waits waits;
    private final Planner planner;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    SimulatorHandler(KeyRegistry keys, CaptureStore captures, Waits waits, Clock clock) {
        this.keys = keys;
        this.captures = captures;
        this.waits = waits;
        this.planner = new Planner(clock);
        this.clock = clock;
    }

    private final GoogleTokens tokens = new GoogleTokens();

    @Override
    public void handle(HttpExchange exchange) {
        Instant receivedAt = clock.instant();
        Visit visit = null;
        try {
            Map<String, List<String>> headers = lowerCased(exchange.getRequestHeaders());
            URI uri = exchange.getRequestURI();
            Optional<Route> route = Router.route(exchange.getRequestMethod(), uri.getPath());
            Credentials credentials = Credentials.extract(route.orElse(null), headers, uri.getRawQuery(), tokens);
            KeyState state = credentials.apiKey() == null ? null : keys.stateFor(credentials.apiKey());
            visit = new Visit(state, route.map(r -> r.endpoint().inference()).orElse(false));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
            captures.add(new CapturedRequest(exchange.getRequestMethod(), path, headers, body, receivedAt, credentials.apiKey()));
            Plan plan = decide(route, credentials, state, visit, body, sequence.incrementAndGet());
            execute(exchange, plan, visit);
        } catch (IOException | RuntimeException e) {
            // The class name only: messages can quote request content.
            LOG.log(System.Logger.Level.DEBUG, "Simulated request ended abnormally: {0}", e.getClass().getName());
        } finally {
            if (visit != null) {
                visit.finish(null, false);
            }
            exchange.close();
        }
    }

    private Plan decide(Optional<Route> route, Credentials credentials, KeyState state, Visit visit, String body, long seq) {
        if (route.isEmpty()) {
            return planner.notFound();
        }
        Route r = route.get();
        if (r.endpoint() == Endpoint.GOOGLE_TOKEN) {
            return new Plan.Send(tokens.exchange(body), java.time.Duration.ZERO, true);
        }
        boolean keyMissing = credentials.apiKey() == null;
        KeyState.Programming programming = state == null ? null : state.programming();
        boolean metadata = r.endpoint() == Endpoint.KEY_PROBE || r.endpoint() == Endpoint.MODELS
                || r.endpoint() == Endpoint.MODEL_INFO;
        if (metadata && programming != null && programming.behaviour().metadataFault() != null) {
            return planner.failedMetadata(credentials.dialect(), programming.behaviour().metadataFault(), seq);
        }
        if (r.endpoint() == Endpoint.KEY_PROBE) {
            return planner.keyProbe(programming != null, keyMissing);
        }
        if (programming == null) {
            return planner.unauthorized(credentials.dialect(), keyMissing, seq);
        }
        if (r.endpoint() == Endpoint.MODELS) {
            return planner.modelList(credentials.dialect(), programming.behaviour());
        }
        if (r.endpoint() == Endpoint.MODEL_INFO) {
            return planner.modelInfo(r.pathModel(), programming.behaviour(), seq);
        }
        if (!visit.admit(programming.behaviour().concurrencyCap())) {
            return planner.tooMuchConcurrency(credentials.dialect(), seq);
        }
        return planner.inference(credentials.dialect(), r, programming.behaviour(), programming.faults().next(), body, seq);
    }

    private void execute(HttpExchange exchange, Plan plan, Visit visit) throws IOException {
        switch (plan) {
            case Plan.Drop drop -> visit.finish(null, false);
            case Plan.Hang hang -> {
                waits.hang();
                visit.finish(null, false);
            }
            case Plan.StallBody stall -> stall(exchange, stall, visit);
            case Plan.Stream stream -> stream(exchange, stream, visit);
            case Plan.Send send -> {
                if (!send.delay().isZero() && !waits.pause(send.delay())) {
                    return; // closing: the connection is dropped in handle()
                }
                visit.finish(send.reply().status(), send.normal());
                write(exchange, send.reply());
            }
        }
    }

    /**
     * Half the body at once, then a byte at a time. The visit ends when the body is done; a client
     * that hung up makes a write fail, and the visit ends in {@link #handle}.
     */
    private void stall(HttpExchange exchange, Plan.StallBody stall, Visit visit) throws IOException {
        byte[] bytes = stall.reply().body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(stall.reply().status(), bytes.length);
        OutputStream out = exchange.getResponseBody();
        int half = bytes.length / 2;
        out.write(bytes, 0, half);
        out.flush();
        for (int i = half; i < bytes.length; i++) {
            if (!waits.pause(stall.byteInterval())) {
                return; // closing: the connection is dropped in handle()
            }
            out.write(bytes[i]);
            out.flush();
        }
        visit.finish(stall.reply().status(), false);
        out.close();
    }

    /**
     * An event stream, event by event (chunked), breaking off as planned: a stall holds the connection
     * open without a byte until released; a cut ends the body in the middle of an event.
     */
    private void stream(HttpExchange exchange, Plan.Stream stream, Visit visit) throws IOException {
        if (!stream.delay().isZero() && !waits.pause(stream.delay())) {
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<String> events = stream.events();
        int breakAt = stream.breakAs() == null ? events.size() : Math.max(1, events.size() / 2);
        for (int i = 0; i < events.size(); i++) {
            if (i == breakAt) {
                switch (stream.breakAs()) {
                    case STALL -> {
                        visit.finish(200, false);
                        waits.hang();
                        return;
                    }
                    case CUT -> {
                        byte[] half = events.get(i).getBytes(StandardCharsets.UTF_8);
                        out.write(half, 0, half.length / 2);
                        out.flush();
                        visit.finish(200, false);
                        return; // handle() closes the exchange: the event never ends
                    }
                    case MALFORMED -> {
                        out.write("data: {\"choices\": [ {\"delta\": \n\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            }
            if (i > 0 && !stream.interval().isZero() && !waits.pause(stream.interval())) {
                return;
            }
            out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        visit.finish(200, stream.breakAs() == null);
        out.close();
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
            List<String> merged = new ArrayList<>(a);
            merged.addAll(b);
            return merged;
        }));
        return lower;
    }
}
