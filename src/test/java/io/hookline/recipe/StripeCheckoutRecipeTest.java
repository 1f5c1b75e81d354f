package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.FakeApis;
import io.hookline.support.RecordedRequest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Make/Stripe | program_application.sponsor_approved | a Stripe Checkout Session for the deposit,
 * whose link another automation emails (hookline/checkout.session.created).
 */
class StripeCheckoutRecipeTest extends RecipeTestSupport {

    private static final String SESSIONS = "/stripe/v1/checkout/sessions";
    private static final String AUTOMATION = "sponsor-approved-checkout";

    private static Map<String, Object> approved(String applicationId, String email) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offeringApplicationId", applicationId);
        data.put("scholarshipId", "sch_77777");
        data.put("rejectionSource", null);
        data.put("offeringId", "off_008");
        data.put("applicantUserId", "usr_4321");
        data.put("applicantEmail", email);
        data.put("applicantName", "Jordan Lee");
        return data;
    }

    private List<RecordedRequest> sessionRequests(String applicationId) {
        return apis.requests(r -> r.path().equals(SESSIONS) && applicationId.equals(r.form().get("client_reference_id")));
    }

    /** The event hookline/checkout.session.created the action published (its delivery id is the action's key). */
    private List<JsonNode> checkoutEvents(String eventId) {
        HttpResponse<String> list = webhooks.admin("GET", "/api/events?source=hookline&type=checkout.session.created&limit=500");
        assertThat(list.statusCode()).isEqualTo(200);
        return StreamSupport.stream(read(list.body()).get("events").spliterator(), false)
                .filter(e -> e.get("deliveryId").asText().equals(key(eventId))).toList();
    }

    private static String key(String eventId) {
        return "hookline-" + eventId + "-" + AUTOMATION + "-0";
    }

    @Test
    void sponsorApprovalCreatesACheckoutSessionAndItsLinkIsEmailed() throws Exception {
        String app = unique("app_");
        String email = unique("jordan.") + "@example.com";
        String id = post("program_application.sponsor_approved", approved(app, email));

        JsonNode action = awaitAction(id, AUTOMATION, "done");

        List<RecordedRequest> requests = sessionRequests(app);
        assertThat(requests).hasSize(1);
        RecordedRequest create = requests.get(0);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.status()).as(create.answer()).isEqualTo(200);
        assertThat(create.header("Authorization")).isEqualTo("Bearer " + FakeApis.STRIPE_SECRET_KEY);
        assertThat(create.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(create.header("Idempotency-Key")).isEqualTo(key(id));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("mode", "payment");
        expected.put("line_items[0][quantity]", "1");
        expected.put("line_items[0][price_data][currency]", "usd");
        expected.put("line_items[0][price_data][unit_amount]", "25000");
        expected.put("line_items[0][price_data][product_data][name]", "Program deposit");
        expected.put("success_url", "https://impact.example.org/applications/" + app + "/deposit?session={CHECKOUT_SESSION_ID}");
        expected.put("cancel_url", "https://impact.example.org/applications/" + app + "/deposit");
        expected.put("client_reference_id", app);
        expected.put("metadata[reference]", app);
        expected.put("metadata[hookline_event_id]", id);
        expected.put("customer_email", email);
        assertThat(create.form()).containsExactlyEntriesOf(expected);

        List<JsonNode> sessions = apis.sessionsFor(app);
        assertThat(sessions).hasSize(1);
        JsonNode session = sessions.get(0);
        assertThat(action.get("attempts").get(0).get("detail").asText()).isEqualTo("checkout session " + session.get("id").asText());

        // The session became an event of its own...
        await().atMost(WAIT).until(() -> checkoutEvents(id).size() == 1);
        JsonNode created = webhooks.event(checkoutEvents(id).get(0).get("id").asText());
        assertThat(created.get("source").asText()).isEqualTo("hookline");
        assertThat(created.get("payload").get("data")).isEqualTo(read("{\"sessionId\": \"" + session.get("id").asText()
                + "\", \"url\": \"" + session.get("url").asText() + "\", \"amount\": \"25000\", \"currency\": \"usd\","
                + " \"reference\": \"" + app + "\", \"customerEmail\": \"" + email + "\", \"sourceEventId\": \"" + id + "\"}"));

        // ...that the chained automation emails to the payer.
        awaitAction(created.get("id").asText(), "checkout-link-email", "done");
        MimeMessage mail = awaitMail(email, "Your program deposit");
        assertThat(EmailRecipeTest.part(mail, "text/plain")).isEqualTo("Your sponsor approved application " + app
                + ". Pay the deposit here: " + session.get("url").asText());
    }

    @Test
    void theSameImpactDeliveryResentCreatesNoSecondSession() {
        String app = unique("app_");
        String email = unique("jordan.") + "@example.com";
        String body = impactBody("program_application.sponsor_approved", approved(app, email));
        String delivery = "dlv-" + UUID.randomUUID();
        String id = post(body, delivery);
        awaitAction(id, AUTOMATION, "done");

        HttpResponse<String> again = webhooks.postImpact(SOURCE, body, SECRET, delivery);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(read(again.body()).get("id").asText()).isEqualTo(id);
        assertThat(read(again.body()).get("duplicate").asBoolean()).isTrue();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(sessionRequests(app)).hasSize(1);
            assertThat(apis.sessionsFor(app)).hasSize(1);
        });
        JsonNode action = action(id, AUTOMATION, 1);
        assertThat(action.get("tries").asInt()).isEqualTo(1);
        assertThat(outcomes(action)).containsExactly("done");
    }

    @Test
    void aRetriedOrReplayedCheckoutSendsTheSameIdempotencyKeyAndGetsTheSameSession() throws Exception {
        String app = unique("app_");
        String email = unique("jordan.") + "@example.com";
        apis.failNext(SESSIONS, app, 1, 500, "{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}", Map.of());
        String id = post("program_application.sponsor_approved", approved(app, email));

        JsonNode action = awaitAction(id, AUTOMATION, "done");
        assertThat(outcomes(action)).containsExactly("retry", "done");
        assertThat(action.get("attempts").get(0).get("detail").asText()).startsWith("HTTP 500");

        HttpResponse<String> replay = webhooks.admin("POST", "/api/events/" + id + "/replay?automation=" + AUTOMATION);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode a = action(id, AUTOMATION, 1);
            assertThat(a.get("status").asText()).isEqualTo("done");
            assertThat(outcomes(a)).containsExactly("retry", "done", "done");
        });

        List<RecordedRequest> requests = sessionRequests(app);
        assertThat(requests).extracting(RecordedRequest::status).containsExactly(500, 200, 200);
        assertThat(requests).extracting(r -> r.header("Idempotency-Key")).containsOnly(key(id));
        assertThat(requests).extracting(RecordedRequest::bodyText).containsOnly(requests.get(0).bodyText());
        assertThat(requests.get(2).answer()).isEqualTo(requests.get(1).answer());
        List<JsonNode> sessions = apis.sessionsFor(app);
        assertThat(sessions).hasSize(1);
        JsonNode a = action(id, AUTOMATION, 1);
        assertThat(a.get("attempts").get(2).get("detail").asText()).isEqualTo("checkout session " + sessions.get(0).get("id").asText());

        // The session's event is published once, so the payer gets one email.
        await().atMost(WAIT).until(() -> checkoutEvents(id).size() == 1);
        awaitMail(email, "Your program deposit");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(checkoutEvents(id)).hasSize(1);
            assertThat(mailsTo(email, "Your program deposit")).hasSize(1);
        });
    }
}
