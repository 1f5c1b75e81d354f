package io.hookline.inbound;

import io.hookline.problem.Problem;

import io.hookline.signature.SignatureException;
import io.hookline.signature.SignedRequest;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Proves the request came from the source: its provider's signature over the raw body, or its address. */
@Component
public class SignatureCheck {

    void check(InboundRequest r, WebhookRequest http) {
        try {
            r.source.verifier().verify(new SignedRequest(http::header, r.body, r.senderAddress));
        } catch (SignatureException e) {
            int status = e.reason() == SignatureException.Reason.SENDER_NOT_ALLOWED ? 403 : 401;
            throw new Problem(status, e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
        }
    }
}
