package io.hookline.inbound;

import io.hookline.HooklineProperties;
import io.hookline.signature.HmacVerifier;
import io.hookline.signature.SenderAddressVerifier;
import io.hookline.signature.SignatureVerifier;
import io.hookline.signature.StandardWebhooksVerifier;
import io.hookline.signature.StripeVerifier;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The configured sources by name, each with the verifier its provider profile calls for. */
@Component
public class InboundSources {

    private final Map<String, InboundSource> byName = new LinkedHashMap<>();

    public InboundSources(HooklineProperties properties, Clock clock) {
        properties.getSources().forEach((name, config) -> byName.put(name, build(name, config, clock)));
    }

    public Optional<InboundSource> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    static InboundSource build(String name, HooklineProperties.Source c, Clock clock) {
        Provider p = c.getProvider();
        String header = c.getSignatureHeader() != null ? c.getSignatureHeader() : p.defaultSignatureHeader();
        String deliveryHeader = c.getDeliveryIdHeader() != null ? c.getDeliveryIdHeader() : p.defaultDeliveryIdHeader();
        SignatureVerifier verifier = switch (p.scheme()) {
            case HMAC -> new HmacVerifier(header,
                    c.getSignatureEncoding() != null ? c.getSignatureEncoding() : p.defaultEncoding(),
                    c.getSignaturePrefix(), c.getSecrets());
            case STANDARD_WEBHOOKS -> new StandardWebhooksVerifier(c.getSecrets(), c.getTolerance(), clock);
            case STRIPE -> new StripeVerifier(c.getSecrets(), c.getTolerance(), clock);
            case IP_ALLOW_LIST -> new SenderAddressVerifier(c.getAllowedIps());
        };
        return new InboundSource(name, p, verifier, header, deliveryHeader);
    }
}
