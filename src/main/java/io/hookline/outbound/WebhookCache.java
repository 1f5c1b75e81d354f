package io.hookline.outbound;

import io.hookline.store.Webhook;
import io.hookline.store.WebhookStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The webhooks as this instance last read them, so that neither a publish nor a delivery attempt
 * reads the webhook table. A change made through this instance is seen at once ({@link #changed});
 * one made through another instance sharing the database within {@value #FRESH_MILLIS} ms.
 */
@Component
public class WebhookCache {

    static final long FRESH_MILLIS = 2_000;

    private record Snapshot(Map<String, Webhook> byId, List<Webhook> enabled, long freshUntil) {
    }

    private final WebhookStore store;
    private volatile Snapshot snapshot;

    public WebhookCache(WebhookStore store) {
        this.store = store;
    }

    /** The enabled webhooks that receive {@code event}. */
    public List<Webhook> enabledReceiving(String event) {
        return current().enabled().stream().filter(w -> w.receives(event)).toList();
    }

    /** Any webhook, enabled or not. */
    public Optional<Webhook> find(String id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    /** Forget what was read: the next call reads the table again. */
    public void changed() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.freshUntil() > 0) {
            Map<String, Webhook> byId = new LinkedHashMap<>();
            for (Webhook w : store.all()) byId.put(w.id(), w);
            s = new Snapshot(byId, byId.values().stream().filter(Webhook::enabled).toList(),
                    System.nanoTime() + FRESH_MILLIS * 1_000_000);
            snapshot = s;
        }
        return s;
    }
}
