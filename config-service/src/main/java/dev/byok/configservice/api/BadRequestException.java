package dev.byok.configservice.api;

/** A path parameter or header is wrong; answered with 400 naming it. */
final class BadRequestException extends RuntimeException {

    private final String field;

    BadRequestException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
