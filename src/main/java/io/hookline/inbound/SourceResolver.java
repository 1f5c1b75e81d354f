package io.hookline.inbound;

import io.hookline.problem.Problem;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * First step of the gateway: POST only, to a configured source; reads the raw body (already
 * capped by {@link BodyLimitFilter}) and the sender's address.
 */
@Component
public class SourceResolver {

    private final InboundSources sources;
    private final SenderAddresses senders;
    private final InboundMetrics metrics;
    private final Clock clock;
    private final long maxBody;

    public SourceResolver(InboundSources sources, SenderAddresses senders, InboundMetrics metrics, Clock clock,
                          InboundProperties properties) {
        this.sources = sources;
        this.senders = senders;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBody = properties.maxBodySize().toBytes();
    }

    /** Fills {@code r} (created by the gateway, so that a refusal still knows its source). */
    void resolve(InboundRequest r, Exchange exchange, HttpServletRequest http) {
        String name = sourceName(http.getPathInfo());
        r.source = sources.find(name).orElse(null);
        metrics.received(r.source == null ? InboundMetrics.UNKNOWN_SOURCE : name);
        if (!"POST".equals(http.getMethod())) {
            throw new Problem(405, "method_not_allowed",
                    "webhooks are delivered with POST, not " + http.getMethod());
        }
        if (r.source == null) {
            throw new Problem(404, "unknown_source",
                    "no source named '" + printable(name) + "' is configured (hookline.sources)");
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        r.body = body == null ? new byte[0] : body;
        if (r.body.length > maxBody) { // the filter caps it first; this guards other entry points
            throw new Problem(413, "payload_too_large", "the body is larger than " + maxBody + " bytes");
        }
        r.senderAddress = senders.of(http);
    }

    private static String sourceName(String pathInfo) {
        if (pathInfo == null) return "";
        String p = pathInfo;
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p;
    }

    private static String printable(String name) {
        String cut = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
