package dev.byok.dispatcher;

import dev.byok.model.Identifiers;
import dev.byok.model.Json;
import dev.byok.model.MessageRole;
import dev.byok.model.ReviewRequested;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Reads a review request and says exactly what is wrong with it, if anything. Three answers: a
 * valid request; a request that was read but breaks a rule (it gets a FAILED outcome if its ids are
 * usable); or bytes that are not a request at all (they go to the dead-letter topic).
 */
final class RequestReader {

    private final int maxReviewBytes;

    RequestReader(int maxReviewBytes) {
        this.maxReviewBytes = maxReviewBytes;
    }

    sealed interface Result permits Valid, Rejected, Unreadable {
    }

    /** A request that may be forwarded: what routing needs of it (the bytes travel on unchanged). */
    record Valid(String reviewId, String orgId, Map<String, Object> metadata) implements Result {
    }

    /** Read, but not acceptable; {@code reviewId}/{@code orgId} are null when they cannot be used. */
    record Rejected(String reviewId, String orgId, String reason) implements Result {
    }

    /** Not a review request at all; ids are set when they could still be read from the bytes. */
    record Unreadable(String reviewId, String orgId, String reason) implements Result {
    }

    Result read(byte[] value) {
        if (value == null || value.length == 0) {
            return new Unreadable(null, null, "the record has no value");
        }
        if (value.length > maxReviewBytes) {
            Ids ids = Ids.from(value);
            return new Rejected(ids.reviewId(), ids.orgId(), "the review is " + mib(value.length)
                    + " of JSON; the limit is " + mib(maxReviewBytes));
        }
        RoutingFields request;
        try {
            request = Json.lenient().readValue(value, RoutingFields.class);
        } catch (RuntimeException e) {
            Ids ids = Ids.from(value);
            return new Unreadable(ids.reviewId(), ids.orgId(), "not a valid ReviewRequested: " + describe(e));
        }
        if (request == null) {
            return new Unreadable(null, null, "the value is JSON null");
        }
        String problem = problemWith(request);
        if (problem != null) {
            return new Rejected(usable(request.reviewId(), Identifiers.isValidReviewId(request.reviewId())),
                    usable(request.orgId(), Identifiers.isValidOrgId(request.orgId())), problem);
        }
        return new Valid(request.reviewId(), request.orgId(), request.metadata());
    }

    private static String problemWith(RoutingFields request) {
        if (!Identifiers.isValidReviewId(request.reviewId())) {
            return "reviewId must be 1 to 128 characters of letters, digits and . _ : -";
        }
        if (!Identifiers.isValidOrgId(request.orgId())) {
            return "orgId must be 1 to 64 characters of letters, digits and -, not starting with -";
        }
        if (request.schemaVersion() != ReviewRequested.SCHEMA_VERSION) {
            return "schemaVersion " + request.schemaVersion() + " is not supported; send 1";
        }
        if (request.messages() == null || request.messages().isEmpty()) {
            return "messages must hold at least one user message";
        }
        boolean hasUser = false;
        for (int i = 0; i < request.messages().size(); i++) {
            MessageShape message = request.messages().get(i);
            if (message == null || message.role() == null || message.content() == null) {
                return "messages[" + i + "] needs a role and a content";
            }
            hasUser |= message.role() == MessageRole.USER;
        }
        if (!hasUser) {
            return "messages must hold at least one user message";
        }
        if (request.metadata() != null) {
            for (Map.Entry<String, Object> entry : request.metadata().entrySet()) {
                Object v = entry.getValue();
                if (!(v instanceof String || v instanceof Number)) {
                    return "metadata." + entry.getKey() + " must be a string or a number";
                }
            }
        }
        return null;
    }

    private static String usable(String id, boolean valid) {
        return valid ? id : null;
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline);
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
    }

    /**
     * A {@link ReviewRequested} as the dispatcher reads it: every field, with the same types and
     * rules, except that a message's content is checked but never turned into a string. Routing
     * does not need it, and a review can be megabytes of diff.
     */
    record RoutingFields(int schemaVersion, String reviewId, String orgId, List<MessageShape> messages,
            Map<String, Object> metadata, Instant requestedAt) {
    }

    /** {@code content} is {@code TRUE} when the message has one (null when it is JSON null or missing). */
    record MessageShape(MessageRole role, @JsonDeserialize(using = ContentSkipper.class) Boolean content) {
    }

    /**
     * Accepts exactly what a {@code String} field accepts (text, or a number or boolean coerced to
     * text) without reading it: the parser skips the characters of a string it was not asked for.
     */
    static final class ContentSkipper extends ValueDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                    || token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_TRUE
                    || token == JsonToken.VALUE_FALSE) {
                return Boolean.TRUE;
            }
            return (Boolean) context.handleUnexpectedToken(String.class, parser);
        }
    }

    /** The ids of a request that could not be read as a whole, when they can still be found. */
    record Ids(String reviewId, String orgId) {
        static Ids from(byte[] value) {
            try {
                JsonNode root = Json.lenient().readTree(value);
                String reviewId = root.path("reviewId").isString() ? root.path("reviewId").asString() : null;
                String orgId = root.path("orgId").isString() ? root.path("orgId").asString() : null;
                return new Ids(Identifiers.isValidReviewId(reviewId) ? reviewId : null,
                        Identifiers.isValidOrgId(orgId) ? orgId : null);
            } catch (RuntimeException notJson) {
                return new Ids(null, null);
            }
        }
    }
}
