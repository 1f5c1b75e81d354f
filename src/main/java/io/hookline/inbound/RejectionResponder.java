package io.hookline.inbound;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
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
    private final ObjectMapper mapper;

    public RejectionResponder(InboundMetrics metrics, ObjectMapper mapper) {
        this.metrics = metrics;
        this.mapper = mapper;
    }

    void answer(Exchange exchange, InboundRequest r, Exception caught) {
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
        Responses.json(exchange, mapper, rejection.status(), rejection.body());
        if (rejection.status() == 405) {
            exchange.getMessage().setHeader("Allow", "POST");
        }
    }
}
