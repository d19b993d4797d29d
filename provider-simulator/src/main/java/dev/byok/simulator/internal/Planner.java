package dev.byok.simulator.internal;

import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides the answer to a request once the shell knows the route, the key's behaviour and the fault
 * that applies. Pure apart from reading the clock for timestamps.
 */
final class Planner {

    private enum Shape { NORMAL, TRUNCATED, EMPTY_LENGTH }

    private final Clock clock;

    Planner(Clock clock) {
        this.clock = clock;
    }

    /** An admitted inference request; {@code fault} is {@code null} when none applies. */
    Plan inference(Dialect dialect, Route route, KeyBehaviour behaviour, Fault fault, String body, long seq) {
        return switch (fault) {
            case null -> answer(dialect, route, behaviour, body, seq, Duration.ZERO, Shape.NORMAL);
            case Fault.RateLimited r -> new Plan.Send(
                    new Reply(429, RetryHeaders.of(r), dialect.rateLimited(r.retryAfter(), seq)), Duration.ZERO, false);
            case Fault.HttpError e -> new Plan.Send(
                    Reply.of(e.status(), dialect.error(e.status(), e.errorType(), e.code(), e.message(), seq)),
                    Duration.ZERO, false);
            case Fault.Hang h -> new Plan.Hang();
            case Fault.ConnectionDrop d -> new Plan.Drop();
            case Fault.SlowFirstByte s -> answer(dialect, route, behaviour, body, seq, s.delay(), Shape.NORMAL);
            case Fault.StalledBody s -> stalled(answer(dialect, route, behaviour, body, seq, Duration.ZERO, Shape.NORMAL),
                    s.byteInterval());
            case Fault.Truncated t -> answer(dialect, route, behaviour, body, seq, Duration.ZERO, Shape.TRUNCATED);
            case Fault.EmptyLength e -> answer(dialect, route, behaviour, body, seq, Duration.ZERO, Shape.EMPTY_LENGTH);
            case Fault.StreamBreak b -> streamed(answer(dialect, route, behaviour, body, seq, Duration.ZERO,
                    Shape.NORMAL), null, b.kind());
            case Fault.SlowStream s -> streamed(answer(dialect, route, behaviour, body, seq, Duration.ZERO,
                    Shape.NORMAL), s.eventInterval(), null);
        };
    }

    /** A streamed answer that breaks off, or comes slowly; a buffered answer is left as it is. */
    private static Plan streamed(Plan answer, Duration interval, Fault.StreamBreak.Kind breakAs) {
        if (answer instanceof Plan.Stream stream) {
            return new Plan.Stream(stream.events(), stream.delay(), interval != null ? interval : stream.interval(),
                    breakAs);
        }
        if (answer instanceof Plan.Send send && interval != null) {
            return new Plan.Send(send.reply(), send.delay().plus(interval.multipliedBy(8)), send.normal());
        }
        return answer;
    }

    /** A successful answer becomes a stalled one; an answer to a bad request is sent as it is. */
    private static Plan stalled(Plan answer, Duration byteInterval) {
        if (answer instanceof Plan.Send send && send.reply().status() == 200) {
            return new Plan.StallBody(send.reply(), byteInterval);
        }
        return answer;
    }

    Plan tooMuchConcurrency(Dialect dialect, long seq) {
        return send(Reply.of(429, dialect.tooMuchConcurrency(seq)), false);
    }

    Plan unauthorized(Dialect dialect, boolean keyMissing, long seq) {
        return send(dialect.unauthorized(keyMissing, seq), false);
    }

    Plan modelList(Dialect dialect, KeyBehaviour behaviour) {
        return send(Reply.of(200, dialect.modelList(behaviour.models(), clock.instant().getEpochSecond())), true);
    }

    /** Vertex's {@code GET …/publishers/google/models/{id}}: the model's metadata, or Google's 404. */
    Plan modelInfo(String model, KeyBehaviour behaviour, long seq) {
        if (!behaviour.models().contains(model)) {
            return send(Reply.of(404, Dialects.GEMINI.error(404, "NOT_FOUND", null, "Publisher Model `publishers/google/"
                    + "models/" + model + "` was not found or your project does not have access to it.", seq)), false);
        }
        return send(Reply.of(200, "{\"name\":\"publishers/google/models/" + model + "\",\"versionId\":\"001\","
                + "\"launchStage\":\"GA\"}"), true);
    }

    /** A metadata call (model list, key probe) of a key programmed to fail them, in the caller's format. */
    Plan failedMetadata(Dialect dialect, Fault fault, long seq) {
        return switch (fault) {
            case Fault.RateLimited r -> send(new Reply(429, RetryHeaders.of(r), dialect.rateLimited(r.retryAfter(), seq)),
                    false);
            case Fault.HttpError e -> send(Reply.of(e.status(), dialect.error(e.status(), e.errorType(), e.code(),
                    e.message(), seq)), false);
            case Fault.ConnectionDrop d -> new Plan.Drop();
            default -> throw new IllegalStateException("not a metadata fault: " + fault);
        };
    }

    /** OpenRouter's {@code GET /key}: a small key description, or its 401. */
    Plan keyProbe(boolean known, boolean keyMissing) {
        ObjectNode root = Wire.object();
        if (known) {
            ObjectNode data = root.putObject("data");
            data.put("label", "sim");
            data.putNull("limit");
            data.put("usage", 0);
            return send(Reply.of(200, Wire.write(root)), true);
        }
        ObjectNode error = root.putObject("error");
        error.put("message", keyMissing ? "No auth credentials found" : "User not found.");
        error.put("code", 401);
        return send(Reply.of(401, Wire.write(root)), false);
    }

    /** Any path the simulator does not speak. Never echoes the path: it may carry {@code ?key=}. */
    Plan notFound() {
        ObjectNode root = Wire.object();
        ObjectNode error = root.putObject("error");
        error.put("message", "Unknown endpoint.");
        error.put("type", "not_found_error");
        error.put("code", 404);
        return send(Reply.of(404, Wire.write(root)), false);
    }

    private Plan answer(Dialect dialect, Route route, KeyBehaviour behaviour, String body, long seq,
                        Duration extraDelay, Shape shape) {
        JsonNode json = Wire.parse(body).orElse(null);
        if (json == null || !json.isObject()) {
            String message = "We could not parse the JSON body of your request.";
            return send(Reply.of(400, dialect.error(400, null, null, message, seq)), false);
        }
        Prompt prompt = dialect.readPrompt(json, route);
        Completion completion = completion(prompt, behaviour, seq, shape == Shape.EMPTY_LENGTH);
        boolean streamRequested = route.streamed() || json.path("stream").asBoolean(false);
        java.util.List<String> events = streamRequested ? dialect.streamEvents(completion) : null;
        if (events != null && shape == Shape.NORMAL) {
            return new Plan.Stream(events, behaviour.latency(), Duration.ZERO, null);
        }
        String rendered = dialect.success(completion);
        if (shape == Shape.TRUNCATED) {
            rendered = rendered.substring(0, rendered.length() / 2);
        }
        return new Plan.Send(Reply.of(200, rendered), extraDelay.plus(behaviour.latency()), shape == Shape.NORMAL);
    }

    private Completion completion(Prompt prompt, KeyBehaviour behaviour, long seq, boolean lengthCapped) {
        long promptTokens = Tokens.prompt(prompt.promptChars());
        long created = clock.instant().getEpochSecond();
        if (lengthCapped) {
            long spent = prompt.maxOutputTokens() != null ? prompt.maxOutputTokens() : 0;
            return new Completion(seq, created, prompt.model(), "", promptTokens, spent, spent, true);
        }
        String text = behaviour.contentFor(prompt.model());
        return new Completion(seq, created, prompt.model(), text, promptTokens, Tokens.output(text), 0, false);
    }

    private static Plan send(Reply reply, boolean normal) {
        return new Plan.Send(reply, Duration.ZERO, normal);
    }
}
