package io.hookline.api;

import io.hookline.problem.Problem;

import io.hookline.outbound.OutboundPublisher;
import io.hookline.outbound.Webhooks;
import io.hookline.store.Webhook;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Service;

/**
 * Subscribers' webhooks as people manage them, through the admin API and the console alike:
 * views without secrets, creating and rotating (the new secret in that answer only), changes
 * ({@link Webhooks} checks them), test sends. Errors are {@link Problem}s, which the API renders
 * as JSON and the console as a message.
 */
@Service
public class WebhookAdmin {

    /** How long a rotated-out secret keeps signing when the caller does not say. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    private final Webhooks webhooks;
    private final OutboundPublisher publisher;

    public WebhookAdmin(Webhooks webhooks, OutboundPublisher publisher) {
        this.webhooks = webhooks;
        this.publisher = publisher;
    }

    public List<Map<String, Object>> list() {
        return webhooks.all().stream().map(WebhookAdmin::view).toList();
    }

    /** 404 when there is none. */
    public Map<String, Object> get(String id) {
        return view(webhooks.get(id));
    }

    /** The new webhook with its signing {@code secret}: the only time it is shown. */
    public Map<String, Object> create(Webhooks.Change change) {
        Webhook created = webhooks.create(change);
        Map<String, Object> out = view(created);
        out.put("secret", created.secret());
        return out;
    }

    public Map<String, Object> update(String id, Webhooks.Change change) {
        return view(webhooks.update(id, change));
    }

    /** Its pending deliveries are stopped (their log stays). */
    public void delete(String id) {
        webhooks.delete(id);
    }

    /**
     * A new secret, shown in this answer only; the old one keeps signing too for {@code grace}
     * (a duration such as 24h or 0s; null: {@link #DEFAULT_GRACE}), until {@code previousSecretValidUntil}.
     */
    public Map<String, Object> rotate(String id, String grace) {
        Webhook w = webhooks.rotateSecret(id, grace(grace));
        Map<String, Object> out = view(w);
        out.put("secret", w.secret());
        out.put("previousSecretValidUntil", w.previousSecretUntil() == null ? null : w.previousSecretUntil().toString());
        return out;
    }

    /** Sends the catalogue's sample of the webhook's event to this webhook only. */
    public Map<String, Object> test(String id) {
        Webhook w = webhooks.get(id);
        Webhooks.Sample sample = webhooks.sample(w);
        OutboundPublisher.Published p = publisher.publishTo(w, sample.event(), sample.body());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", p.messageId());
        out.put("deliveryId", p.deliveryIds().get(0));
        out.put("event", sample.event());
        return out;
    }

    private static Duration grace(String text) {
        if (text == null) return DEFAULT_GRACE;
        Duration grace;
        try {
            grace = DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new Problem(400, "bad_request", "grace must be a duration such as 24h or 0s");
        }
        if (grace.isNegative()) throw new Problem(400, "bad_request", "grace must not be negative");
        return grace;
    }

    static Map<String, Object> view(Webhook w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("nickname", w.nickname());
        m.put("url", w.url());
        m.put("events", w.events());
        m.put("enabled", w.enabled());
        m.put("signature", w.signature());
        m.put("origin", w.origin());
        m.put("failingSince", w.failingSince() == null ? null : w.failingSince().toString());
        m.put("disabledReason", w.disabledReason());
        m.put("createdAt", w.createdAt().toString());
        m.put("updatedAt", w.updatedAt().toString());
        return m;
    }
}
