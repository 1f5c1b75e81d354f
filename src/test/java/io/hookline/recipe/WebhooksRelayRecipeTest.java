package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.hookline.support.TestSigner;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * webhooks-relay: an event Hookline received goes on to the webhooks subscribed to it, byte for
 * byte and signed for each, and replaying the relay never fans it out twice.
 */
class WebhooksRelayRecipeTest extends RecipeTestSupport {

    @Test
    void aReceivedEventIsRelayedByteForByteOnceEvenWhenTheRelayIsReplayed() throws Exception {
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {body, ex.getRequestHeaders().getFirst("X-Impact-Signature"),
                    ex.getRequestHeaders().getFirst("X-Hookline-Delivery")});
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try {
            var created = webhooks.request("POST", "/api/webhooks", """
                    {"event": "applicant.ready_for_program", "nickname": "lms", "url": "http://127.0.0.1:%d/lms"}
                    """.formatted(receiver.getAddress().getPort()), io.hookline.support.Webhooks.ADMIN_TOKEN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String secret = read(created.body()).get("secret").asText();

            String app = unique("app_relay_");
            String body = impactBody("applicant.ready_for_program", Map.of("offeringApplicationId", app, "offeringId", "off_1",
                    "participantId", "part_1", "participantEmail", "p@example.org", "participantName", "P",
                    "startDate", "2025-06-02"));
            String event = post(body);
            awaitAction(event, "ready-relay", "done");
            await().atMost(WAIT).until(() -> received.size() == 1);
            assertThat(received.get(0)[0]).as("relayed byte for byte").isEqualTo(body);
            assertThat(received.get(0)[1]).isEqualTo(TestSigner.hex(secret, body));

            var replay = webhooks.admin("POST", "/api/events/" + event + "/replay?automation=ready-relay");
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
            JsonNode again = awaitAction(event, "ready-relay", "done");
            await().atMost(WAIT).until(() -> outcomes(action(event, "ready-relay", 1)).size() == 2);
            assertThat(action(event, "ready-relay", 1).get("attempts").get(1).get("detail").asText()).contains("already relayed");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == 1);
            assertThat(again).isNotNull();
        } finally {
            receiver.stop(0);
        }
    }
}
