package io.hookline.recipe;

import io.hookline.signature.HmacSha256;
import io.hookline.signature.SignatureEncoding;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Signs the body the way Impact signs its webhooks: hex HMAC-SHA256 of the exact bytes, keyed
 * with variable {@code secret}, in the header named by variable {@code signatureHeader}. Does
 * nothing when no secret is set.
 */
@Component
public class SignBody implements Processor {

    @Override
    public void process(Exchange exchange) {
        String secret = exchange.getVariable("secret", String.class);
        if (secret == null || secret.isEmpty()) return;
        byte[] body = exchange.getIn().getBody(String.class).getBytes(StandardCharsets.UTF_8);
        exchange.getIn().setBody(body);
        String header = exchange.getVariable("signatureHeader", "X-Hookline-Signature", String.class);
        exchange.getIn().setHeader(header,
                SignatureEncoding.HEX.encode(HmacSha256.sign(secret.getBytes(StandardCharsets.UTF_8), body)));
    }
}
