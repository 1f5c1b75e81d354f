package io.hookline.signature;

/**
 * A request whose signature does not prove its origin. The message is safe to show to the
 * sender: it never contains a secret or the signature that was sent.
 */
public class SignatureException extends Exception {

    /** Why the request was refused; decides the answer's status and the rejection metric. */
    public enum Reason { MISSING_SIGNATURE, INVALID_SIGNATURE, STALE_TIMESTAMP, SENDER_NOT_ALLOWED }

    private final Reason reason;

    public SignatureException(Reason reason, String message) {
        super(message, null, false, false); // no stack trace: this is an expected outcome
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
