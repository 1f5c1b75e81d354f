package io.hookline.outbound;

import io.hookline.processing.EventPublisher;
import io.hookline.store.EventIds;
import io.hookline.store.Webhook;
import io.hookline.store.WebhookStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the port opens: creates or updates the webhooks declared in
 * {@code hookline.outbound.webhooks} (matched by nickname; a URL the policy refuses stops
 * start-up), disables those the configuration declared once and no longer does (configuration
 * owns them: a webhook removed from the file must stop receiving events), and has a webhook
 * disabled for failing published as event {@code hookline/webhook.disabled}, so an automation
 * can alert someone.
 */
@Component
public class DeclaredWebhooks {

    /** The origin of a webhook created from configuration (API-created ones have another). */
    static final String CONFIG = "config";
    static final String NO_LONGER_DECLARED = "no longer declared in hookline.outbound.webhooks";

    private static final Logger log = LoggerFactory.getLogger(DeclaredWebhooks.class);

    private final OutboundProperties properties;
    private final WebhookStore store;
    private final UrlPolicy policy;
    private final DeliveryWorker worker;
    private final EventPublisher events;
    private final WebhookCache cache;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public DeclaredWebhooks(OutboundProperties properties, WebhookStore store, UrlPolicy policy, DeliveryWorker worker,
                            EventPublisher events, WebhookCache cache, Clock clock,
                            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.mapper = mapper;
        this.properties = properties;
        this.store = store;
        this.policy = policy;
        this.worker = worker;
        this.events = events;
        this.cache = cache;
        this.clock = clock;
    }

    public void apply() {
        List<OutboundProperties.DeclaredWebhook> declared = properties.outbound().webhooks();
        for (int i = 0; i < declared.size(); i++) {
            OutboundProperties.DeclaredWebhook d = declared.get(i);
            try {
                policy.check(URI.create(d.url()));
            } catch (UrlRefusedException | IllegalArgumentException e) {
                throw new IllegalStateException("hookline.outbound.webhooks[" + i + "].url: " + e.getMessage());
            }
            Instant now = clock.instant();
            Webhook existing = store.findByNickname(d.nickname()).orElse(null);
            if (existing == null) {
                store.insert(new Webhook(EventIds.next(), d.nickname(), d.url(), List.copyOf(d.events()),
                        d.enabled(), d.signature(), d.secret(), null, null, CONFIG, null, null, now, now));
            } else {
                // Declared again after it was dropped from the file: enabled again (a failing one stays disabled).
                boolean redeclared = NO_LONGER_DECLARED.equals(existing.disabledReason());
                store.update(new Webhook(existing.id(), d.nickname(), d.url(), List.copyOf(d.events()),
                        d.enabled() && (existing.enabled() || redeclared), d.signature(), d.secret(), null, null,
                        CONFIG, existing.failingSince(), redeclared ? null : existing.disabledReason(), existing.createdAt(), now));
            }
        }
        if (!declared.isEmpty()) log.info("{} webhook(s) declared in configuration", declared.size());
        java.util.Set<String> nicknames = new java.util.HashSet<>();
        declared.forEach(d -> nicknames.add(d.nickname()));
        for (Webhook w : store.all()) {
            if (CONFIG.equals(w.origin()) && w.enabled() && !nicknames.contains(w.nickname())
                    && store.disable(w.id(), NO_LONGER_DECLARED, clock.instant())) {
                log.warn("Webhook {} ({}) was declared in configuration and no longer is: disabled; it receives no events. "
                        + "Delete it with DELETE /api/webhooks/{} or declare it again.", w.nickname(), w.url(), w.id());
            }
        }
        cache.changed();
        worker.onDisabled(this::report);
    }

    private void report(Webhook w) {
        try {
            com.fasterxml.jackson.databind.JsonNode payload = mapper.valueToTree(Map.of("event", "webhook.disabled", "version", "1.0",
                    "data", Map.of("webhookId", w.id(), "nickname", String.valueOf(w.nickname()), "url", w.url(),
                            "reason", String.valueOf(w.disabledReason()))));
            events.publish(EventPublisher.INTERNAL_SOURCE, EventPublisher.INTERNAL_SOURCE, "webhook.disabled",
                    "webhook.disabled-" + w.id() + "-" + w.updatedAt(), payload, "{}");
        } catch (Exception e) {
            log.warn("Could not publish hookline/webhook.disabled for {}: {}", w.id(), e.toString());
        }
    }
}
