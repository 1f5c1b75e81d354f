package io.hookline.inbound;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/{source}} from the raw request to the answer, in one place: resolve the
 * source, prove the sender (signature over the exact bytes, or address), read the JSON, check it
 * against the catalogue, store it, answer. Any refusal is answered with its status and
 * {@code {"error", "detail"}}; anything unexpected with a 500 that says nothing of the internals.
 * The fixed pipeline is Java, not a route a configuration file could break; it is the one
 * processor of the gateway route ({@link GatewayRoute}).
 */
@Component
public class InboundGateway implements Processor {

    private final Clock clock;
    private final SourceResolver sources;
    private final SignatureCheck signatures;
    private final PayloadReader payloads;
    private final CatalogueCheck catalogue;
    private final EventAppender events;
    private final RejectionResponder rejections;

    public InboundGateway(Clock clock, SourceResolver sources, SignatureCheck signatures, PayloadReader payloads,
                          CatalogueCheck catalogue, EventAppender events, RejectionResponder rejections) {
        this.clock = clock;
        this.sources = sources;
        this.signatures = signatures;
        this.payloads = payloads;
        this.catalogue = catalogue;
        this.events = events;
        this.rejections = rejections;
    }

    @Override
    public void process(Exchange exchange) {
        InboundRequest r = new InboundRequest(clock.instant());
        HttpServletRequest http = exchange.getIn(HttpMessage.class).getRequest();
        try {
            sources.resolve(r, exchange, http);
            signatures.check(r, http);   // before the body is parsed: an unsigned request learns nothing
            payloads.read(r, http);
            catalogue.check(r);
            events.store(r, exchange, http);
        } catch (Exception refused) {
            rejections.answer(exchange, r, refused);
        }
    }
}
