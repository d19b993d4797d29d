package dev.byok.localstack.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Structural JSON comparison: key order is free, numbers compare by value, every other difference counts. */
public final class JsonDiff {

    private JsonDiff() {
    }

    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (actual == null || actual.isMissingNode()) {
            out.add(path + ": missing, expected " + brief(expected));
        } else if (expected.isObject() && actual.isObject()) {
            Set<String> keys = new TreeSet<>(expected.propertyNames());
            keys.addAll(actual.propertyNames());
            for (String key : keys) {
                if (!expected.has(key)) {
                    out.add(path + "." + key + ": unexpected " + brief(actual.get(key)));
                } else {
                    compare(path + "." + key, expected.get(key), actual.get(key), out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(path + ": " + actual.size() + " items, expected " + expected.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": " + actual + ", expected " + expected);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": " + brief(actual) + ", expected " + brief(expected));
        }
    }

    private static String brief(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
