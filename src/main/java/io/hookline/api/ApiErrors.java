package io.hookline.api;

import io.hookline.problem.Problem;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** The admin API's errors, all as {@code {"error", "detail"}} without internals. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(Problem.class)
    ResponseEntity<Map<String, Object>> refused(Problem e) {
        return problem(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another value" : switch (e.getRequiredType().getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "a whole number";
            default -> "a " + e.getRequiredType().getSimpleName();
        };
        return body(400, "bad_request", "parameter '" + e.getName() + "' must be " + expected);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return body(400, "bad_request", "parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return body(400, "invalid_json", "the request body must be one JSON object");
    }

    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(Exception e) {
        return body(415, "unsupported_media_type", "send the body as Content-Type: application/json");
    }

    /**
     * The client closed its connection before its answer was written (a broken pipe): there is no
     * one to answer and nothing wrong on this side, so no ERROR with a stack trace.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("An admin API client went away before its answer was written: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Admin API failure", e);
        return body(500, "internal_error", "the request could not be handled");
    }

    static ResponseEntity<Map<String, Object>> body(int status, String error, String detail) {
        return problem(new Problem(status, error, detail));
    }

    private static ResponseEntity<Map<String, Object>> problem(Problem p) {
        return ResponseEntity.status(p.status()).body(p.body());
    }
}
