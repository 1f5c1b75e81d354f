package io.hookline.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counters for what arrives: {@code hookline.webhooks.received}, {@code .accepted} (tag
 * {@code status}: accepted or quarantined), {@code .rejected} (tag {@code reason}) and
 * {@code .duplicates}, all tagged with the source (unknown sources share one tag value so
 * that a scanner cannot blow up the metric's cardinality).
 */
@Component
public class InboundMetrics {

    static final String UNKNOWN_SOURCE = "(unknown)";

    private final MeterRegistry registry;

    public InboundMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(String source) {
        counter("hookline.webhooks.received", "Webhook requests received", source).increment();
    }

    void accepted(String source, String status) {
        Counter.builder("hookline.webhooks.accepted").description("Webhooks stored (accepted or quarantined)")
                .tag("source", source).tag("status", status).register(registry).increment();
    }

    void duplicate(String source) {
        counter("hookline.webhooks.duplicates", "Deliveries already stored, answered without processing", source)
                .increment();
    }

    void rejected(String source, String reason) {
        Counter.builder("hookline.webhooks.rejected").description("Webhooks refused, by reason")
                .tag("source", source).tag("reason", reason).register(registry).increment();
    }

    private Counter counter(String name, String description, String source) {
        return Counter.builder(name).description(description).tag("source", source).register(registry);
    }
}
