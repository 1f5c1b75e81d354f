package io.hookline.outbound;

/** A webhook request that cannot be done: the HTTP status, a machine-readable error and why. */
public class WebhookRefused extends RuntimeException {

    private final int status;
    private final String error;

    public WebhookRefused(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
