package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import io.hookline.support.FakeApis;
import io.hookline.support.HttpTestSupport;
import io.hookline.support.Peers;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Base of the recipe tests: each starts from a signed Impact event posted to the source
 * r-impact (which only automations-test.yaml listens to) and looks at what the fake partners
 * received and at what GET /api/events/{id} shows. All tests share one application and one set
 * of peers, so each uses its own application ids and emails and reads only its own requests.
 */
abstract class RecipeTestSupport extends HttpTestSupport {

    static final String SOURCE = "r-impact";
    static final String SECRET = "recipe-impact-secret";
    static final Duration WAIT = Duration.ofSeconds(15);

    final FakeApis apis = Peers.apis();
    final GreenMail mail = Peers.mail();

    /** A fresh id with this prefix, e.g. app_fwd_3f9a1c2e. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** An Impact v1.0 envelope of the event with this data, as Impact posts it. */
    String impactBody(String type, Map<String, Object> data) {
        ObjectNode body = mapper.createObjectNode();
        body.put("event", type);
        body.put("name", "Hookline recipe test");
        body.put("version", "1.0");
        body.put("timestamp", "2025-04-28T22:11:00Z");
        body.set("data", mapper.valueToTree(data));
        try {
            return mapper.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts the body signed to r-impact as a new delivery; answers the accepted event's id. */
    String post(String body) {
        return post(body, "dlv-" + UUID.randomUUID());
    }

    String post(String body, String deliveryId) {
        HttpResponse<String> answer = webhooks.postImpact(SOURCE, body, SECRET, deliveryId);
        assertThat(answer.statusCode()).as("POST /webhooks/%s: %s", SOURCE, answer.body()).isEqualTo(202);
        return read(answer.body()).get("id").asText();
    }

    String post(String type, Map<String, Object> data) {
        return post(impactBody(type, data));
    }

    JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event's action of this automation and step (1-based), or null while there is none. */
    JsonNode action(String eventId, String automation, int step) {
        for (JsonNode a : webhooks.event(eventId).path("automations")) {
            if (a.get("automation").asText().equals(automation) && a.get("step").asInt() == step) return a;
        }
        return null;
    }

    /** Waits until the action has this status (failing at once if it ends otherwise); answers it. */
    JsonNode awaitAction(String eventId, String automation, int step, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode a = action(eventId, automation, step);
            assertThat(a).as("action %s step %d of event %s", automation, step, eventId).isNotNull();
            String now = a.get("status").asText();
            if (!now.equals(status) && !now.equals("pending")) {
                throw new IllegalStateException("action " + automation + " ended " + now + ", not " + status + ": " + a);
            }
            assertThat(a.get("status").asText()).as("status of %s: %s", automation, a).isEqualTo(status);
            found[0] = a;
        });
        return found[0];
    }

    JsonNode awaitAction(String eventId, String automation, String status) {
        return awaitAction(eventId, automation, 1, status);
    }

    /** The outcomes of the action's attempts, in order. */
    static List<String> outcomes(JsonNode action) {
        return StreamSupport.stream(action.get("attempts").spliterator(), false).map(a -> a.get("outcome").asText()).toList();
    }

    /** The automations that have an action for the event (not those its `when` filter skipped). */
    List<String> automationsOf(String eventId) {
        return StreamSupport.stream(webhooks.event(eventId).path("automations").spliterator(), false)
                .filter(a -> !a.get("status").asText().equals("skipped"))
                .map(a -> a.get("automation").asText()).toList();
    }

    /** Mails GreenMail received for this recipient. */
    List<MimeMessage> mailsTo(String recipient) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getRecipients(Message.RecipientType.TO);
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    List<MimeMessage> mailsTo(String recipient, String subject) {
        return mailsTo(recipient).stream().filter(m -> {
            try {
                return subject.equals(m.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits until exactly one mail with this subject reached the recipient; answers it. */
    MimeMessage awaitMail(String recipient, String subject) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(mailsTo(recipient, subject)).hasSize(1));
        return mailsTo(recipient, subject).get(0);
    }
}
