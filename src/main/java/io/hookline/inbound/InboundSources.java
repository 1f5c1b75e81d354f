package io.hookline.inbound;

import io.hookline.HooklineProperties;
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

    public InboundSources(HooklineProperties properties, Clock clock) {
        properties.getSources().forEach((name, config) -> byName.put(name, build(name, config, clock)));
    }

    public Optional<InboundSource> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    static InboundSource build(String name, HooklineProperties.Source c, Clock clock) {
        Provider p = c.getProvider();
        SourceSettings settings = c.settings();
        String header = c.getSignatureHeader() != null ? c.getSignatureHeader() : p.defaultSignatureHeader();
        String deliveryHeader = c.getDeliveryIdHeader() != null ? c.getDeliveryIdHeader() : p.defaultDeliveryIdHeader();
        return new InboundSource(name, p, p.verifier(settings, clock), header, deliveryHeader);
    }
}
