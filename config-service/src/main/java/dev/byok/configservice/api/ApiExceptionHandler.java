package dev.byok.configservice.api;

import dev.byok.configstore.ConfigStoreUnavailableException;
import dev.byok.configstore.kafka.BrokerUnavailableException;
import dev.byok.configservice.slots.FieldError;
import dev.byok.configservice.slots.InvalidSlotException;
import dev.byok.configservice.slots.ProbeFailedException;
import dev.byok.configservice.slots.ProbeRateLimitedException;
import dev.byok.configstore.crypto.KeyServiceUnavailableException;
import dev.byok.configstore.crypto.KeyUnavailableException;
import dev.byok.model.ProbeResult;
import dev.byok.configservice.store.StaleVersionException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Maps every failure of a request to a problem detail that names what to fix and reveals nothing else. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidSlotException.class)
    ProblemDetail invalidSlot(InvalidSlotException e) {
        return badRequest("The slot config is invalid.", e.errors());
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return badRequest("The request is invalid.", List.of(new FieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.TooLarge) {
                return ProblemWriter.problem(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.", List.of());
            }
        }
        return badRequest("The request body is not a valid SlotConfig.", List.of(fieldErrorOf(e)));
    }

    @ExceptionHandler(ProbeFailedException.class)
    ResponseEntity<ProbeResult> probeFailed(ProbeFailedException e) {
        return ResponseEntity.unprocessableEntity().body(e.result());
    }

    @ExceptionHandler(ProbeRateLimitedException.class)
    ResponseEntity<ProblemDetail> probeRateLimited(ProbeRateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfter().toSeconds()))
                .body(ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS,
                        "Too many tests for this org in the last minute; try again later.", List.of()));
    }

    @ExceptionHandler(KeyUnavailableException.class)
    ProblemDetail keyUnavailable(KeyUnavailableException e) {
        log.warn("A stored key cannot be decrypted: {}", e.getMessage());
        return ProblemWriter.problem(HttpStatus.CONFLICT, "The stored API key of this slot cannot be decrypted ("
                + e.getMessage() + "). Save the key again.", List.of());
    }

    /** KMS did not answer (network, throttling): nothing is wrong with the stored key, so the caller retries. */
    @ExceptionHandler(KeyServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> keyServiceUnavailable(KeyServiceUnavailableException e) {
        log.warn("The key service did not answer: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .body(ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "The key service (KMS) is not reachable "
                        + "right now; retry shortly.", List.of()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden() {
        return ProblemWriter.problem(HttpStatus.FORBIDDEN, "This token may not manage this org's BYOK config.", List.of());
    }

    @ExceptionHandler(StaleVersionException.class)
    ProblemDetail stale(StaleVersionException e) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.PRECONDITION_FAILED,
                "The config changed since you read it; read it again and retry.", List.of());
        problem.setProperty("currentVersion", e.currentVersion());
        return problem;
    }

    @ExceptionHandler(org.springframework.web.server.ResponseStatusException.class)
    ProblemDetail status(org.springframework.web.server.ResponseStatusException e) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return ProblemWriter.problem(status, status == HttpStatus.FORBIDDEN
                ? "This token may not do this." : status.getReasonPhrase(), List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail notFound() {
        return ProblemWriter.problem(HttpStatus.NOT_FOUND, "No such endpoint.", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail methodNotAllowed() {
        return ProblemWriter.problem(HttpStatus.METHOD_NOT_ALLOWED, "This endpoint does not support that method.",
                List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail unsupportedMediaType() {
        return ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", List.of());
    }

    /** The config store or the broker under it cannot answer now; anything else is a bug, not a 503. */
    @ExceptionHandler({ConfigStoreUnavailableException.class, BrokerUnavailableException.class})
    ProblemDetail unavailable(RuntimeException e) {
        log.warn("Request failed: {}", e.getMessage());
        return ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE,
                "The config store is not reachable right now; retry shortly.", List.of());
    }

    private static ProblemDetail badRequest(String detail, List<FieldError> errors) {
        return ProblemWriter.problem(HttpStatus.BAD_REQUEST, detail,
                errors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
    }

    /** Names the field a JSON problem is about, without echoing the value (it could be a key). */
    static FieldError fieldErrorOf(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(unknown.getPropertyName(), "is not a known field");
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            String message = cause instanceof InvalidFormatException || rootMessage(cause).contains("must be")
                    ? rootMessage(cause) : "has the wrong type";
            return new FieldError(field, message);
        }
        return new FieldError("body", "is missing or is not valid JSON");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        return message.contains("must be") ? message : "has the wrong type or value";
    }
}
