package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.FakeApis;
import io.hookline.support.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slack App | program_application.rejected | Post to #impact-alerts with the reason. */
class SlackAlertRecipeTest extends RecipeTestSupport {

    private static Map<String, Object> rejected(String applicationId, String source, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offeringApplicationId", applicationId);
        data.put("rejectionSource", source);
        data.put("reason", reason);
        return data;
    }

    private List<RecordedRequest> webhookPosts(String applicationId) {
        return apis.requests(FakeApis.SLACK_WEBHOOK_PATH, applicationId);
    }

    @Test
    void aRejectionIsPostedToTheIncomingWebhookWithTheReason() {
        String app = unique("app_");
        String id = post("program_application.rejected", rejected(app, "sponsor", "Funding limits reached"));

        JsonNode action = awaitAction(id, "rejected-to-slack", "done");

        List<RecordedRequest> posts = webhookPosts(app);
        assertThat(posts).hasSize(1);
        RecordedRequest post = posts.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(post.status()).isEqualTo(200);
        assertThat(read(post.bodyText())).isEqualTo(read(
                "{\"channel\": \"\", \"text\": \"Application " + app + " rejected by sponsor: Funding limits reached\"}"));
        assertThat(post.header("Authorization")).isNull();
        assertThat(action.get("tries").asInt()).isEqualTo(1);
        assertThat(outcomes(action)).containsExactly("done");
        assertThat(action.get("attempts").get(0).get("detail").asText()).isEqualTo("posted to the incoming webhook");
        assertThat(action.get("lastError").isNull()).isTrue();
    }

    @Test
    void aChannelMentionInTheReasonArrivesEscapedAsText() {
        String app = unique("app_");
        String id = post("program_application.rejected",
                rejected(app, "champion", "<!channel> see <https://evil.example|this> & more"));

        awaitAction(id, "rejected-to-slack", "done");

        RecordedRequest post = webhookPosts(app).get(0);
        assertThat(read(post.bodyText()).get("text").asText()).isEqualTo("Application " + app
                + " rejected by champion: &lt;!channel&gt; see &lt;https://evil.example|this&gt; &amp; more");
    }

    @Test
    void aBotTokenPostsWithChatPostMessage() {
        String app = unique("app_bot_");
        String id = post("program_application.rejected", rejected(app, "sponsor", "Budget closed"));

        JsonNode action = awaitAction(id, "rejected-to-slack-bot", "done");

        List<RecordedRequest> posts = apis.requests("/slack/api/chat.postMessage", app);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).header("Authorization")).isEqualTo("Bearer " + FakeApis.SLACK_BOT_TOKEN);
        assertThat(read(posts.get(0).bodyText())).isEqualTo(read(
                "{\"channel\": \"#impact-alerts\", \"text\": \"Application " + app + " rejected: Budget closed\"}"));
        assertThat(action.get("attempts").get(0).get("detail").asText()).startsWith("posted to " + FakeApis.SLACK_CHANNEL_ID + " at ");
    }

    @Test
    void slacksOkFalseAnswerFailsTheActionWithItsReasonWithoutRetrying() {
        String app = unique("app_gone_");
        String id = post("program_application.rejected", rejected(app, "sponsor", "Budget closed"));

        JsonNode action = awaitAction(id, "rejected-to-slack-gone-channel", "failed");

        assertThat(action.get("tries").asInt()).isEqualTo(1);
        assertThat(outcomes(action)).containsExactly("failed");
        assertThat(action.get("lastError").asText()).isEqualTo("Slack refused the message: channel_not_found");
        List<RecordedRequest> posts = apis.requests("/slack/api/chat.postMessage", app);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).answer()).isEqualTo("{\"ok\":false,\"error\":\"channel_not_found\"}");
        assertThat(read(posts.get(0).bodyText()).get("channel").asText()).isEqualTo("#impact-alerts-archived");
    }

    @Test
    void sendATestFromTheCataloguePostsTheSamplesReason() {
        String sampleText = "Application app_98765 rejected by sponsor: Funding limits reached";
        int before = apis.requests(FakeApis.SLACK_WEBHOOK_PATH, sampleText).size();

        var answer = webhooks.admin("POST", "/api/catalogue/" + SOURCE + "/program_application.rejected/test");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String id = read(answer.body()).get("id").asText();
        awaitAction(id, "rejected-to-slack", "done");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(apis.requests(FakeApis.SLACK_WEBHOOK_PATH, sampleText)).hasSize(before + 1));
        RecordedRequest post = apis.requests(FakeApis.SLACK_WEBHOOK_PATH, sampleText).get(before);
        assertThat(read(post.bodyText()).get("text").asText()).isEqualTo(sampleText);
        assertThat(webhooks.event(id).get("deliveryId").asText()).startsWith("test-");
        // The sample's application id does not start with app_bot_, app_fwd_...: only the seed's automation ran.
        assertThat(automationsOf(id)).containsExactly("rejected-to-slack");
    }
}
