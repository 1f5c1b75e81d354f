package io.hookline.inbound;

import io.hookline.problem.Problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers a refused webhook with its status and {@code {"error", "detail"}}. Anything that is
 * not a {@link Problem} is our fault: 500, logged here, with no stack trace or
 * internals in the answer.
 */
@Component
public class RejectionResponder {

    private static final Logger log = LoggerFactory.getLogger(RejectionResponder.class);

    private final InboundMetrics metrics;

    public RejectionResponder(InboundMetrics metrics) {
        this.metrics = metrics;
    }

    WebhookAnswer answer(InboundRequest r, Throwable caught) {
        Problem rejection = caught instanceof Problem w ? w
                : new Problem(500, "internal_error", "the webhook could not be handled; it was not stored");
        if (!(caught instanceof Problem)) {
            log.error("Unexpected failure in the webhook gateway", caught);
        }
        String source = r == null || r.source == null ? InboundMetrics.UNKNOWN_SOURCE : r.source.name();
        metrics.rejected(source, rejection.error());
        if (log.isDebugEnabled()) {
            log.debug("Refused a webhook for {}: {} {}", source, rejection.status(), rejection.error());
        }
        return WebhookAnswer.of(rejection);
    }
}
