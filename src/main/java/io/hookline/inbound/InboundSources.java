package io.hookline.inbound;

import io.hookline.provider.Provider;
import io.hookline.provider.SourceSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The configured sources by name, each with the verifier its provider profile calls for. */
@Component
public class InboundSources {

    private final Map<String, InboundSource> byName = new LinkedHashMap<>();

    public InboundSources(InboundProperties properties, Clock clock) {
        properties.sources().forEach((name, config) -> byName.put(name, build(name, config, clock)));
    }

    public Optional<InboundSource> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    static InboundSource build(String name, InboundProperties.Source c, Clock clock) {
        Provider p = c.provider();
        SourceSettings settings = c.settings();
        String header = c.signatureHeader() != null ? c.signatureHeader() : p.defaultSignatureHeader();
        String deliveryHeader = c.deliveryIdHeader() != null ? c.deliveryIdHeader() : p.defaultDeliveryIdHeader();
        return new InboundSource(name, p, p.verifier(settings, clock), header, deliveryHeader);
    }
}
