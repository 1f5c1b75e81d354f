package io.hookline.api;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.outbound.Webhooks;
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

/**
 * Subscribers' webhooks: register, inspect, change, rotate the secret, test, and their deliveries
 * (through {@link WebhookAdmin} and {@link DeliveryLog}, as the console does); this class reads the JSON.
 */
@RestController
@RequestMapping("/api/webhooks")
public class WebhookController {

    private final WebhookAdmin admin;
    private final DeliveryLog log;
    private final ObjectMapper mapper;

    public WebhookController(WebhookAdmin admin, DeliveryLog log, ObjectMapper mapper) {
        this.admin = admin;
        this.log = log;
        this.mapper = mapper;
    }

    /** 201 with the signing secret: the only time it is shown. */
    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
        return ResponseEntity.status(201).body(admin.create(change(body, true)));
    }

    @GetMapping
    public Map<String, Object> list() {
        return Map.of("webhooks", admin.list());
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        return admin.get(id);
    }

    @PatchMapping("/{id}")
    public Map<String, Object> update(@PathVariable String id, @RequestBody JsonNode body) {
        return admin.update(id, change(body, false));
    }

    /** 204; its pending deliveries are stopped (their log stays). */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        admin.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** A new secret, shown once; the old one keeps signing too for {@code grace} (default 24h). */
    @PostMapping("/{id}/rotate-secret")
    public Map<String, Object> rotate(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        return admin.rotate(id, body != null && body.hasNonNull("grace") ? body.get("grace").asText() : null);
    }

    /** Sends the catalogue's sample of the webhook's event to this webhook only. */
    @PostMapping("/{id}/test")
    public ResponseEntity<Map<String, Object>> test(@PathVariable String id) {
        return ResponseEntity.accepted().body(admin.test(id));
    }

    @GetMapping("/{id}/deliveries")
    public Map<String, Object> deliveries(@PathVariable String id, @RequestParam(required = false) String status,
                                          @RequestParam(defaultValue = "50") int limit,
                                          @RequestParam(defaultValue = "0") int offset) {
        return new Page(limit, offset).body("deliveries", log.list(id, status, limit, offset));
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
}
