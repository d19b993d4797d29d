package dev.byok.cli;

/** Something the user can fix, said in one line: printed as it is, exit code 1. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message, null, false, false);
    }
}
