package io.hookline.api;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.outbound.DeliveryWorker;
import io.hookline.outbound.Webhooks;
import io.hookline.store.Delivery;
import io.hookline.store.DeliveryAttempt;
import io.hookline.store.DeliveryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The delivery log as people see it, through the admin API and the console alike: deliveries
 * newest first, one delivery with its body and every attempt (request headers as the sender
 * stored them, signatures masked), and re-sending. Errors are {@link Problem}s, which the API
 * renders as JSON and the console as a message.
 */
@Service
public class DeliveryLog {

    private static final List<String> STATUSES = List.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.FAILED);

    private final DeliveryStore deliveries;
    private final Webhooks webhooks;
    private final DeliveryWorker worker;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DeliveryLog(DeliveryStore deliveries, Webhooks webhooks, DeliveryWorker worker, ObjectMapper mapper, Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.worker = worker;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Newest first, each as {@link #summary}: of one webhook (404 when there is none), or of all
     * ({@code webhookId} null); {@code status} pending, succeeded or failed, or null for any; a
     * page as {@link Page} checks it.
     */
    public List<Map<String, Object>> list(String webhookId, String status, int limit, int offset) {
        if (webhookId != null) webhooks.get(webhookId);
        Page.of(limit, offset);
        if (status != null && !STATUSES.contains(status)) {
            throw new Problem(400, "bad_request", "status must be pending, succeeded or failed");
        }
        return deliveries.list(webhookId, status, limit, offset).stream().map(DeliveryLog::summary).toList();
    }

    /** The delivery, the body it sends and every attempt; 404 when there is none. */
    public Map<String, Object> detail(String id) {
        Delivery d = find(id);
        Map<String, Object> m = summary(d);
        m.put("body", deliveries.body(d.messageId()).map(this::json).orElse(null));
        m.put("attempts", deliveries.attempts(id).stream().map(this::attempt).toList());
        return m;
    }

    /** Sends it again with the same delivery id, from a fresh attempt budget; 409 while it is pending. */
    public Map<String, Object> resend(String id) {
        find(id);
        if (!deliveries.resend(id, clock.instant())) {
            throw new Problem(409, "in_progress", "the delivery is already pending");
        }
        worker.wake();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", Delivery.PENDING);
        return m;
    }

    /** Re-sends every failed delivery created since then (of one webhook, or of all); answers how many. */
    public int resendFailed(Instant since, String webhookId) {
        int n = deliveries.resendFailed(since, webhookId, clock.instant());
        if (n > 0) worker.wake();
        return n;
    }

    private Delivery find(String id) {
        return deliveries.find(id).orElseThrow(() -> new Problem(404, "not_found", "no delivery with id " + id));
    }

    static Map<String, Object> summary(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("webhookId", d.webhookId());
        m.put("messageId", d.messageId());
        m.put("event", d.event());
        m.put("status", d.status());
        m.put("tries", d.tries());
        m.put("nextAttemptAt", Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt().toString() : null);
        m.put("lastError", d.lastError());
        m.put("createdAt", d.createdAt().toString());
        m.put("updatedAt", d.updatedAt().toString());
        return m;
    }

    private Map<String, Object> attempt(DeliveryAttempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", a.attempt());
        m.put("scheduledAt", a.scheduledAt().toString());
        m.put("startedAt", a.startedAt().toString());
        m.put("durationMs", a.durationMs());
        m.put("requestHeaders", json(a.requestHeaders()));
        m.put("responseStatus", a.responseStatus());
        m.put("responseHeaders", a.responseHeaders() == null ? null : json(a.responseHeaders()));
        m.put("responseBody", a.responseBody());
        m.put("error", a.error());
        return m;
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }
}
