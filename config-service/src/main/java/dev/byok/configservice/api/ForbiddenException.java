package dev.byok.configservice.api;

/** A valid token that may not manage this org. */
final class ForbiddenException extends RuntimeException {

    ForbiddenException() {
        super("forbidden", null, false, false);
    }
}
