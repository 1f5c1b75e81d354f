package io.hookline.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers a refused webhook with its status and {@code {"error", "detail"}}. Anything that is
 * not a {@link WebhookRejection} is our fault: 500, logged here, with no stack trace or
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
        WebhookRejection rejection = caught instanceof WebhookRejection w ? w
                : new WebhookRejection(500, "internal_error", "the webhook could not be handled; it was not stored");
        if (!(caught instanceof WebhookRejection)) {
            log.error("Unexpected failure on the inbound route", caught);
        }
        String source = r == null || r.source == null ? InboundMetrics.UNKNOWN_SOURCE : r.source.name();
        metrics.rejected(source, rejection.error());
        if (log.isDebugEnabled()) {
            log.debug("Refused a webhook for {}: {} {}", source, rejection.status(), rejection.error());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", rejection.error());
        body.put("detail", rejection.detail());
        Responses.json(exchange, mapper, rejection.status(), body);
        if (rejection.status() == 405) {
            exchange.getMessage().setHeader("Allow", "POST");
        }
    }
}
