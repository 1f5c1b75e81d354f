package io.hookline.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.outbound.DeclaredWebhooks;
import io.hookline.store.EventIds;
import io.hookline.store.Webhook;
import io.hookline.store.WebhookStore;
import io.hookline.support.HttpTestSupport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Webhooks declared in configuration are owned by it: one left in the database from an earlier
 * configuration (the demo's loopback, say) is disabled at start-up, never left sending; one made
 * through the API is not touched.
 */
class DeclaredWebhooksOwnedTest extends HttpTestSupport {

    /** The shared test context publishes events to every matching webhook: these must never match one. */
    private static final String NEVER_PUBLISHED = "declared-webhooks-test.never";

    @Autowired
    WebhookStore store;

    @Autowired
    DeclaredWebhooks declared;

    @Test
    void aWebhookNoLongerDeclaredIsDisabledAtStartUpAndAnApiOneIsKept() throws Exception {
        Instant now = Instant.now();
        String stale = EventIds.next();
        store.insert(new Webhook(stale, "demo-loopback-" + stale, "https://example.org/old", List.of(NEVER_PUBLISHED), true, "impact",
                "demo-loopback-secret", null, null, "config", null, null, now, now));
        String api = EventIds.next();
        store.insert(new Webhook(api, "api-made-" + api, "https://example.org/api", List.of(NEVER_PUBLISHED), true, "impact",
                "api-made-secret-0123456789", null, null, "api", null, null, now, now));

        declared.apply(); // what start-up runs before the port opens

        JsonNode gone = mapper.readTree(webhooks.admin("GET", "/api/webhooks/" + stale).body());
        assertThat(gone.get("enabled").asBoolean()).isFalse();
        assertThat(gone.toString()).contains("no longer declared in hookline.outbound.webhooks");
        JsonNode kept = mapper.readTree(webhooks.admin("GET", "/api/webhooks/" + api).body());
        assertThat(kept.get("enabled").asBoolean()).isTrue();
        store.delete(stale);
        store.delete(api);
    }
}
