package dev.byok.configservice.slots;

/** One thing wrong with a request, named by the field a user has to fix. */
public record FieldError(String field, String message) {
}
