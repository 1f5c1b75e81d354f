package io.hookline.signature;

import java.time.Clock;
import java.time.Duration;

/** Signed Unix timestamps: refuses stale ones (replays) and ones from the future (bad clocks). */
final class Timestamps {
    private Timestamps() {}

    static void requireFresh(String seconds, Duration tolerance, Clock clock, String what)
            throws SignatureException {
        long sent;
        try {
            sent = Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE,
                    what + " is not a Unix timestamp in seconds");
        }
        long now = clock.millis() / 1000;
        long tol = tolerance.toSeconds();
        // Compared without subtracting from the sender's value: no overflow can make it pass.
        if (sent < now - tol || sent > now + tol) {
            throw new SignatureException(SignatureException.Reason.STALE_TIMESTAMP,
                    what + " is " + (sent < now ? "older than" : "further in the future than")
                            + " the tolerance of " + tol + " s");
        }
    }
}
