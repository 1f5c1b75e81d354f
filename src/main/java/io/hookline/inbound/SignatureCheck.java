package io.hookline.inbound;

import io.hookline.signature.SignatureException;
import io.hookline.signature.SignedRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.http.common.HttpMessage;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Proves the request came from the source: its provider's signature over the raw body, or its address. */
@Component("verifySignature")
public class SignatureCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        InboundRequest r = exchange.getProperty(InboundRequest.PROPERTY, InboundRequest.class);
        HttpServletRequest http = exchange.getIn(HttpMessage.class).getRequest();
        try {
            r.source.verifier().verify(new SignedRequest(http::getHeader, r.body, r.senderAddress));
        } catch (SignatureException e) {
            int status = e.reason() == SignatureException.Reason.SENDER_NOT_ALLOWED ? 403 : 401;
            throw new WebhookRejection(status, e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
        }
    }
}
