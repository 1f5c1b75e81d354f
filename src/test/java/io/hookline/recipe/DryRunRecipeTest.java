package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.FakeApis;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dry-run: true on an automation prints the request it would send, secrets masked, and sends nothing. */
class DryRunRecipeTest extends RecipeTestSupport {

    @Test
    void aDryRunSlackPostIsPrintedWithoutItsTokenAndNotSent() {
        String app = unique("app_dry_");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offeringApplicationId", app);
        data.put("rejectionSource", "sponsor");
        data.put("reason", "Budget closed");
        String id = post("program_application.rejected", data);

        JsonNode action = awaitAction(id, "rejected-to-slack-dry-run", "done");

        assertThat(action.get("tries").asInt()).isEqualTo(1);
        assertThat(outcomes(action)).containsExactly("dry-run");
        // The API URL comes from {{env.SLACK_API_URL}}: environment values are masked like the token.
        assertThat(action.get("attempts").get(0).get("detail").asText()).isEqualTo("dry run: POST ****/chat.postMessage\n"
                + "Authorization: ****\n"
                + "Content-Type: application/json; charset=utf-8\n\n"
                + "{\"channel\": \"#impact-alerts\", \"text\": \"Application " + app + " rejected: Budget closed\"}");
        assertThat(webhooks.event(id).toString()).doesNotContain(FakeApis.SLACK_BOT_TOKEN);
        // The seed's automation on the same event really posts; the dry run's API was not called.
        awaitAction(id, "rejected-to-slack", "done");
        assertThat(apis.requests(FakeApis.SLACK_WEBHOOK_PATH, app)).hasSize(1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> apis.requests("/slack/api/chat.postMessage", app).isEmpty());
    }

    @Test
    void aDryRunEmailIsPrintedAndNotMailed() {
        String app = unique("app_dry_");
        String email = unique("dry.") + "@example.com";
        String id = post("program_application.pending_sponsor", EmailRecipeTest.pendingSponsor(app, email, "Dee"));

        JsonNode action = awaitAction(id, "pending-sponsor-email-dry-run", "done");

        assertThat(outcomes(action)).containsExactly("dry-run");
        assertThat(action.get("attempts").get(0).get("detail").asText()).isEqualTo("dry run: SMTP to " + email
                + ", subject \"Dry run: sponsor review in progress\"\nHi Dee, application " + app + " is with your sponsor.");
        // The seed's email automation on the same event really mails; the dry run does not.
        awaitMail(email, "Sponsor review in progress");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> mailsTo(email, "Dry run: sponsor review in progress").isEmpty());
    }
}
