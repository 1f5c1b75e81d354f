package io.hookline.outbound;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookline.catalogue.CatalogueEntry;
import io.hookline.catalogue.EventCatalogue;
import io.hookline.store.DeliveryStore;
import io.hookline.store.EventIds;
import io.hookline.store.Webhook;
import io.hookline.store.WebhookStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What can be done to webhooks, with the checks each change needs: a URL the {@link UrlPolicy}
 * allows, event names, a signature scheme. Disabling or deleting a webhook stops its pending
 * deliveries; enabling it again sends nothing by itself (re-send what failed, explicitly).
 */
@Component
public class Webhooks {

    private static final Pattern EVENT = Pattern.compile("\\*|[A-Za-z0-9_.:-]{1,200}");

    /** A requested change; null fields are left as they are (all but nickname are required to create). */
    public record Change(String nickname, String url, List<String> events, Boolean enabled, String signature, boolean creating) {
    }

    /** A sample to send as a test. */
    public record Sample(String event, String body) {
    }

    private final WebhookStore store;
    private final DeliveryStore deliveries;
    private final UrlPolicy policy;
    private final EventCatalogue catalogue;
    private final WebhookCache cache;
    private final DeliveryWorker worker;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Webhooks(WebhookStore store, DeliveryStore deliveries, UrlPolicy policy, EventCatalogue catalogue,
                    WebhookCache cache, DeliveryWorker worker, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.deliveries = deliveries;
        this.policy = policy;
        this.catalogue = catalogue;
        this.cache = cache;
        this.worker = worker;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Webhook create(Change c) {
        if (c.url() == null) throw new Problem(400, "bad_request", "url is required");
        if (c.events() == null) throw new Problem(400, "bad_request", "event is required: an event name, * or a list");
        String signature = c.signature() == null ? DeliverySigner.IMPACT : c.signature();
        Instant now = clock.instant();
        Webhook w = new Webhook(EventIds.next(), c.nickname(), checkedUrl(c.url()), checkedEvents(c.events()),
                c.enabled() == null || c.enabled(), checkedSignature(signature), WebhookSecrets.generate(signature),
                null, null, "api", null, null, now, now);
        store.insert(w);
        cache.changed();
        return w;
    }

    public Webhook update(String id, Change c) {
        Webhook w = get(id);
        Instant now = clock.instant();
        boolean enabled = c.enabled() == null ? w.enabled() : c.enabled();
        if (c.signature() != null && !c.signature().equals(w.signature())) {
            throw new Problem(400, "bad_request", "the signature scheme cannot change (its secret has another form): "
                    + "create a new webhook");
        }
        Webhook changed = new Webhook(w.id(), c.nickname() == null ? w.nickname() : c.nickname(),
                c.url() == null ? w.url() : checkedUrl(c.url()), c.events() == null ? w.events() : checkedEvents(c.events()),
                enabled, w.signature(), w.secret(), w.previousSecret(), w.previousSecretUntil(), w.origin(),
                enabled && !w.enabled() ? null : w.failingSince(), enabled ? null : w.disabledReason() == null
                ? "disabled through the API at " + now : w.disabledReason(), w.createdAt(), now);
        store.update(changed);
        cache.changed();
        if (w.enabled() && !enabled) {
            deliveries.failPending(id, "the webhook was disabled", now);
            worker.forget(id);
        }
        return changed;
    }

    public void delete(String id) {
        get(id);
        deliveries.failPending(id, "the webhook was deleted", clock.instant());
        store.delete(id);
        cache.changed();
        worker.forget(id);
    }

    public Webhook rotateSecret(String id, Duration grace) {
        Webhook w = get(id);
        Instant now = clock.instant();
        Webhook rotated = new Webhook(w.id(), w.nickname(), w.url(), w.events(), w.enabled(), w.signature(),
                WebhookSecrets.generate(w.signature()), grace.isZero() ? null : w.secret(),
                grace.isZero() ? null : now.plus(grace), w.origin(), w.failingSince(), w.disabledReason(), w.createdAt(), now);
        store.update(rotated);
        cache.changed();
        return rotated;
    }

    public Webhook get(String id) {
        return store.find(id).orElseThrow(() -> new Problem(404, "not_found", "no webhook with id " + id));
    }

    public List<Webhook> all() {
        return store.all();
    }

    /**
     * The catalogue sample of the webhook's (first) event in the Impact envelope; for {@code *}, or an
     * event the catalogue does not have, Impact's first sample under the webhook's own event name.
     */
    public Sample sample(Webhook w) {
        String wanted = w.events().stream().filter(e -> !e.equals("*")).findFirst().orElse(null);
        CatalogueEntry entry = catalogue.all().stream().filter(e -> e.type().equals(wanted))
                .min(Comparator.comparing((CatalogueEntry e) -> !e.provider().equals("impact")))
                .or(() -> catalogue.all().stream().filter(e -> e.provider().equals("impact")).findFirst())
                .orElseThrow(() -> new Problem(409, "no_sample", "the catalogue has no sample to send"));
        String event = wanted == null ? entry.type() : wanted;
        try {
            ObjectNode body = (ObjectNode) mapper.readTree(entry.sample());
            if (body.has("event")) body.put("event", event);
            return new Sample(event, mapper.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException("catalogue sample of " + entry.type() + " is not a JSON object", e);
        }
    }

    private String checkedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Problem(400, "url_refused", url + " is not a URL: " + e.getReason());
        }
        try {
            policy.check(uri);
        } catch (UrlRefusedException e) {
            throw new Problem(400, "url_refused", e.getMessage());
        }
        return url;
    }

    private static List<String> checkedEvents(List<String> events) {
        if (events.isEmpty()) throw new Problem(400, "bad_request", "event is required: an event name, * or a list");
        for (String e : events) {
            if (e == null || !EVENT.matcher(e).matches()) {
                throw new Problem(400, "bad_request", "'" + e + "' is not an event name (letters, digits, . _ : -) or *");
            }
        }
        return List.copyOf(events);
    }

    private static String checkedSignature(String signature) {
        if (!DeliverySigner.IMPACT.equals(signature) && !DeliverySigner.STANDARD_WEBHOOKS.equals(signature)) {
            throw new Problem(400, "bad_request", "signature must be impact or standard-webhooks");
        }
        return signature;
    }
}
