package dev.byok.configservice.slots;

import java.util.List;

/** The request cannot be saved; every problem found is listed, not only the first. */
public final class InvalidSlotException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidSlotException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public static InvalidSlotException of(String field, String message) {
        return new InvalidSlotException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
