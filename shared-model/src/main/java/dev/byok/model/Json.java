package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of the contract. Two readers: {@link #strict()} rejects unknown fields (REST
 * requests, where a typo must not silently do nothing) and {@link #lenient()} ignores them (Kafka
 * events, so a producer may add optional fields without breaking older consumers).
 */
public final class Json {

    private static final JsonMapper STRICT = base().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final JsonMapper LENIENT = base().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Json() {
    }

    public static JsonMapper strict() {
        return STRICT;
    }

    public static JsonMapper lenient() {
        return LENIENT;
    }

    /** The settings both mappers share; also used by config-service to shape its REST mapper. */
    public static JsonMapper.Builder base() {
        return JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.ALWAYS));
    }
}
