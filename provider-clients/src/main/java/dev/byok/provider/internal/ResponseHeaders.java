package dev.byok.provider.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The headers of a provider's answer, by lower-case name, in the order they came. */
public record ResponseHeaders(Map<String, List<String>> byName) {

    public static final ResponseHeaders NONE = new ResponseHeaders(Map.of());

    public ResponseHeaders {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byName.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        byName = Map.copyOf(copy);
    }

    /** One header per name, as tests and simple callers write them. */
    public static ResponseHeaders of(Map<String, String> single) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        single.forEach((name, value) -> out.put(name, List.of(value)));
        return new ResponseHeaders(out);
    }

    public Optional<String> firstValue(String name) {
        List<String> values = byName.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public OptionalLong firstValueAsLong(String name) {
        Optional<String> value = firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
