package io.hookline.api;

/** An admin API refusal: its status and the reason, answered as {@code {"error", "detail"}}. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() { return status; }
    public String error() { return error; }
}
