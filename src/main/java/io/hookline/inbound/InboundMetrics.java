package io.hookline.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counters for what arrives: {@code hookline.webhooks.received}, {@code .accepted} (tag
 * {@code status}: accepted or quarantined), {@code .rejected} (tag {@code reason}) and
 * {@code .duplicates}, all tagged with the source (unknown sources share one tag value so
 * that a scanner cannot blow up the metric's cardinality). Counters are looked up once per tag
 * set, not rebuilt on every request.
 */
@Component
public class InboundMetrics {

    static final String UNKNOWN_SOURCE = "(unknown)";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final RejectionLog rejections;

    public InboundMetrics(MeterRegistry registry, RejectionLog rejections) {
        this.registry = registry;
        this.rejections = rejections;
    }

    void received(String source) {
        counter("hookline.webhooks.received", "Webhook requests received", source, null, null).increment();
    }

    void accepted(String source, String status) {
        counter("hookline.webhooks.accepted", "Webhooks stored (accepted or quarantined)", source, "status", status)
                .increment();
    }

    void duplicate(String source) {
        counter("hookline.webhooks.duplicates", "Deliveries already stored, answered without processing", source,
                null, null).increment();
    }

    void rejected(String source, String reason) {
        counter("hookline.webhooks.rejected", "Webhooks refused, by reason", source, "reason", reason).increment();
        rejections.record(source, reason);
    }

    private Counter counter(String name, String description, String source, String tag, String value) {
        return counters.computeIfAbsent(name + '\u0000' + source + '\u0000' + value, k -> {
            Counter.Builder b = Counter.builder(name).description(description).tag("source", source);
            if (tag != null) b.tag(tag, value);
            return b.register(registry);
        });
    }
}
