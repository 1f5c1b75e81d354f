package io.hookline.inbound;

/**
 * A webhook refused with an HTTP status and a reason the sender can act on. The detail is
 * shown to the sender: it never contains a secret, a signature or a stack trace.
 */
public class WebhookRejection extends RuntimeException {

    private final int status;
    private final String error;

    public WebhookRejection(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() { return status; }

    /** Short machine-readable reason, e.g. {@code invalid_signature}; also the metric's tag. */
    public String error() { return error; }

    public String detail() { return getMessage(); }
}
