package io.hookline.automation;

import io.hookline.job.JobOutcome;
import io.hookline.recipe.RecipeFailure;
import java.io.IOException;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Sorts a failed try into retry or give up: connect errors, timeouts, 408, 429 and 5xx are
 * transient (429 and 503 honouring Retry-After); other 4xx and everything else are not.
 */
final class Failures {

    private static final int MAX_BODY = 300;

    private Failures() {
    }

    static JobOutcome<ActionResult> classify(Throwable failure, java.time.Instant now) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecipeFailure r) {
                return r.isTransient() ? JobOutcome.retry(r.getMessage(), r.retryAfter(), ActionResult.NONE)
                        : JobOutcome.failed(r.getMessage(), ActionResult.NONE);
            }
            if (t instanceof HttpOperationFailedException h) {
                int status = h.getStatusCode();
                String detail = "HTTP " + status + (h.getResponseBody() == null || h.getResponseBody().isBlank() ? ""
                        : ": " + shorten(h.getResponseBody()));
                if (status == 408 || status == 429 || status >= 500) {
                    return JobOutcome.retry(detail, io.hookline.job.Backoff.retryAfterOf(h.getResponseHeaders(), now), ActionResult.NONE);
                }
                return JobOutcome.failed(detail, ActionResult.NONE);
            }
            if (t instanceof jakarta.mail.SendFailedException) {
                return JobOutcome.failed("mail refused: " + t.getMessage(), ActionResult.NONE);
            }
            if (t instanceof jakarta.mail.internet.AddressException) {
                // A malformed address (e.g. from the event's data): every retry would fail the same way.
                return JobOutcome.failed("invalid mail address: " + t.getMessage(), ActionResult.NONE);
            }
            if (t instanceof jakarta.mail.MessagingException || t instanceof IOException) {
                return JobOutcome.retry(t.getClass().getSimpleName() + ": " + t.getMessage(), null, ActionResult.NONE);
            }
        }
        return JobOutcome.failed(failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()),
                ActionResult.NONE);
    }

    static String shorten(String text) {
        String one = text.replaceAll("\\s+", " ").trim();
        return one.length() > MAX_BODY ? one.substring(0, MAX_BODY) + "…" : one;
    }
}
