package io.hookline.api;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.outbound.OutboundPublisher;
import io.hookline.outbound.Webhooks;
import io.hookline.store.Delivery;
import io.hookline.store.DeliveryStore;
import io.hookline.store.Webhook;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Subscribers' webhooks: register, inspect, change, rotate the secret, test, and their deliveries. */
@RestController
@RequestMapping("/api/webhooks")
public class WebhookController {

    private final Webhooks webhooks;
    private final DeliveryStore deliveries;
    private final OutboundPublisher publisher;
    private final ObjectMapper mapper;

    public WebhookController(Webhooks webhooks, DeliveryStore deliveries, OutboundPublisher publisher, ObjectMapper mapper) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.publisher = publisher;
        this.mapper = mapper;
    }

    /** 201 with the signing secret: the only time it is shown. */
    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
        Webhooks.Change change = change(body, true);
        Webhook created = webhooks.create(change);
        Map<String, Object> out = view(created);
        out.put("secret", created.secret());
        return ResponseEntity.status(201).body(out);
    }

    @GetMapping
    public Map<String, Object> list() {
        return Map.of("webhooks", webhooks.all().stream().map(WebhookController::view).toList());
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        return view(webhooks.get(id));
    }

    @PatchMapping("/{id}")
    public Map<String, Object> update(@PathVariable String id, @RequestBody JsonNode body) {
        return view(webhooks.update(id, change(body, false)));
    }

    /** 204; its pending deliveries are stopped (their log stays). */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** A new secret, shown once; the old one keeps signing too for {@code grace} (default 24h). */
    @PostMapping("/{id}/rotate-secret")
    public Map<String, Object> rotate(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        Duration grace = Duration.ofHours(24);
        if (body != null && body.hasNonNull("grace")) {
            try {
                grace = org.springframework.boot.convert.DurationStyle.detectAndParse(body.get("grace").asText());
            } catch (IllegalArgumentException e) {
                throw new Problem(400, "bad_request", "grace must be a duration such as 24h or 0s");
            }
            if (grace.isNegative()) throw new Problem(400, "bad_request", "grace must not be negative");
        }
        Webhook w = webhooks.rotateSecret(id, grace);
        Map<String, Object> out = view(w);
        out.put("secret", w.secret());
        out.put("previousSecretValidUntil", w.previousSecretUntil() == null ? null : w.previousSecretUntil().toString());
        return out;
    }

    /** Sends the catalogue's sample of the webhook's event to this webhook only. */
    @PostMapping("/{id}/test")
    public ResponseEntity<Map<String, Object>> test(@PathVariable String id) {
        Webhook w = webhooks.get(id);
        Webhooks.Sample sample = webhooks.sample(w);
        OutboundPublisher.Published p = publisher.publishTo(w, sample.event(), sample.body());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", p.messageId());
        out.put("deliveryId", p.deliveryIds().get(0));
        out.put("event", sample.event());
        return ResponseEntity.accepted().body(out);
    }

    @GetMapping("/{id}/deliveries")
    public Map<String, Object> deliveries(@PathVariable String id, @RequestParam(required = false) String status,
                                          @RequestParam(defaultValue = "50") int limit,
                                          @RequestParam(defaultValue = "0") int offset) {
        webhooks.get(id);
        Page page = Page.of(limit, offset);
        if (status != null && !List.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.FAILED).contains(status)) {
            throw new Problem(400, "bad_request", "status must be pending, succeeded or failed");
        }
        return page.body("deliveries", deliveries.forWebhook(id, status, limit, offset).stream()
                .map(DeliveryController::summary).toList());
    }

    private Webhooks.Change change(JsonNode body, boolean creating) {
        if (body == null || !body.isObject()) throw new Problem(400, "bad_request", "the body must be a JSON object");
        List<String> events = null;
        JsonNode e = body.has("events") ? body.get("events") : body.get("event");
        if (e != null && !e.isNull()) {
            if (e.isTextual()) events = List.of(e.asText());
            else if (e.isArray()) events = mapper.convertValue(e, mapper.getTypeFactory().constructCollectionType(List.class, String.class));
            else throw new Problem(400, "bad_request", "event must be an event name, * or a list of them");
        }
        return new Webhooks.Change(text(body, "nickname"), text(body, "url"), events,
                body.hasNonNull("enabled") ? bool(body, "enabled") : null, text(body, "signature"), creating);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new Problem(400, "bad_request", field + " must be a string");
        return v.asText();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (!v.isBoolean()) throw new Problem(400, "bad_request", field + " must be true or false");
        return v.asBoolean();
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
