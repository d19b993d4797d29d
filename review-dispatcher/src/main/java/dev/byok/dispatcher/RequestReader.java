package dev.byok.dispatcher;

import dev.byok.model.Identifiers;
import dev.byok.model.Json;
import dev.byok.model.MessageRole;
import dev.byok.model.ReviewRequested;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a review request and says exactly what is wrong with it, if anything. A request is valid
 * exactly when it follows {@code docs/schemas/review-requested.schema.json} (RequestSchemaAgreementTest
 * holds the two together): no coercion of types, as a JSON Schema has none. Four answers: a valid
 * request; a request that was read but breaks a rule of the schema; bytes that are not a request at
 * all (both go to the dead-letter topic, and get a FAILED outcome when their ids are usable); or a
 * request over the size limit, which the schema cannot express (a FAILED outcome only).
 */
final class RequestReader {

    /** Reads as the schema does: a number is not a string, a string is not a number, 1.5 is not an integer. */
    private static final JsonMapper SCHEMA_EXACT = Json.base()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final int maxReviewBytes;

    RequestReader(int maxReviewBytes) {
        this.maxReviewBytes = maxReviewBytes;
    }

    sealed interface Result permits Valid, Rejected, Unreadable, TooLarge {
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

    /** Over {@code byok.max-review-bytes}; ids are set when they could be read. */
    record TooLarge(String reviewId, String orgId, String reason) implements Result {
    }

    Result read(byte[] value) {
        if (value == null || value.length == 0) {
            return new Unreadable(null, null, "the record has no value");
        }
        if (value.length > maxReviewBytes) {
            Ids ids = Ids.from(value);
            return new TooLarge(ids.reviewId(), ids.orgId(), "the review is " + mib(value.length)
                    + " of JSON; the limit is " + mib(maxReviewBytes));
        }
        RoutingFields request;
        try {
            request = SCHEMA_EXACT.readValue(value, RoutingFields.class);
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
        if (!isOne(request.schemaVersion())) {
            return "schemaVersion " + request.schemaVersion() + " is not supported; send " + ReviewRequested.SCHEMA_VERSION;
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
        if (request.requestedAt() != null && !isTime(request.requestedAt())) {
            return "requestedAt must be an ISO-8601 time with an offset, e.g. 2026-11-26T12:00:00Z";
        }
        return null;
    }

    /** 1 as JSON Schema compares numbers: 1 and 1.0 are the same number. */
    private static boolean isOne(Number version) {
        return version != null && new BigDecimal(version.toString()).compareTo(BigDecimal.ONE) == 0;
    }

    /** An RFC 3339 date-time, as the schema's {@code format: date-time}: seconds and an offset required. */
    private static boolean isTime(String value) {
        try {
            OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return value.length() >= "2026-01-01T00:00:00Z".length() && value.charAt(16) == ':';
        } catch (DateTimeParseException e) {
            return false;
        }
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
    record RoutingFields(Number schemaVersion, String reviewId, String orgId, List<MessageShape> messages,
            Map<String, Object> metadata, String requestedAt) {
    }

    /** {@code content} is {@code TRUE} when the message has one (null when it is JSON null or missing). */
    record MessageShape(MessageRole role, @JsonDeserialize(using = ContentSkipper.class) Boolean content) {
    }

    /**
     * Accepts a JSON string without reading it (the parser skips the characters of a string it was
     * not asked for), and nothing else: the schema's {@code content} is a string.
     */
    static final class ContentSkipper extends ValueDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
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
