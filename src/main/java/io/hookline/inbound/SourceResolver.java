package io.hookline.inbound;

import io.hookline.problem.Problem;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * First step of the gateway: POST only, to a configured source; takes the raw body (already
 * capped by the front) and the sender's address.
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
    void resolve(InboundRequest r, WebhookRequest http) {
        String name = sourceName(http.path());
        r.source = sources.find(name).orElse(null);
        metrics.received(r.source == null ? InboundMetrics.UNKNOWN_SOURCE : name);
        if (!"POST".equals(http.method())) {
            throw new Problem(405, "method_not_allowed",
                    "webhooks are delivered with POST, not " + http.method());
        }
        if (r.source == null) {
            throw new Problem(404, "unknown_source",
                    "no source named '" + printable(name) + "' is configured (hookline.sources)");
        }
        byte[] body = http.body();
        r.body = body == null ? new byte[0] : body;
        if (r.body.length > maxBody) { // the fronts cap it first; this guards any other entry point
            throw tooLargeProblem();
        }
        r.senderAddress = senders.of(http);
    }

    /** The largest body a front reads ({@code hookline.max-body-size}). */
    long maxBody() {
        return maxBody;
    }

    /**
     * A front refused a body over the limit before the gateway saw it: counted as received and
     * refused for the source of {@code path} (the path after {@code /webhooks}); answers the refusal.
     */
    Problem tooLarge(String path) {
        String source = sources.find(sourceName(path)).map(InboundSource::name).orElse(InboundMetrics.UNKNOWN_SOURCE);
        metrics.received(source);
        metrics.rejected(source, "payload_too_large");
        return tooLargeProblem();
    }

    private Problem tooLargeProblem() {
        return new Problem(413, "payload_too_large", "the body is larger than " + maxBody + " bytes");
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
