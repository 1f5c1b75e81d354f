package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.FakeApis;
import io.hookline.support.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The other body forms: http-forward with a custom JSON mapping (an LMS enrolment, event values
 * JSON-escaped and URL-encoded where they go) and as a CloudEvent; slack-alert with Block Kit
 * blocks (values Slack- and JSON-escaped inside them).
 */
class ForwardVariantsRecipeTest extends RecipeTestSupport {

    private Map<String, Object> ready(String app, String participant, String name) {
        return Map.of("offeringApplicationId", app, "offeringId", "off_008", "participantId", participant,
                "participantEmail", "p@example.org", "participantName", name, "startDate", "2025-06-02");
    }

    @Test
    void aCustomMappingBuildsTheLmsEnrolmentWithEscapedValues() {
        String app = unique("app_lms_");
        String event = post("applicant.ready_for_program", ready(app, "part 7/a", "Jo \"JJ\" Lee"));
        awaitAction(event, "ready-to-lms", "done");
        List<RecordedRequest> sent = apis.requests(r -> r.path().startsWith(FakeApis.FORWARD_PATH + "/lms/")
                && r.bodyText().contains("Jo \\\"JJ\\\" Lee") && r.status() == 200);
        assertThat(sent).isNotEmpty();
        RecordedRequest r = sent.get(sent.size() - 1);
        assertThat(r.rawPath()).as("the participant id is one encoded path segment").endsWith("/lms/part%207%2Fa");
        JsonNode body = read(r.bodyText());
        assertThat(body.get("email").asText()).isEqualTo("p@example.org");
        assertThat(body.get("name").asText()).isEqualTo("Jo \"JJ\" Lee");
        assertThat(body.get("course").asText()).isEqualTo("off_008");
        assertThat(body.get("starts").asText()).isEqualTo("2025-06-02");
        assertThat(body.size()).isEqualTo(4);
    }

    @Test
    void theCloudEventBodyCarriesTheEventAndThePayload() {
        String app = unique("app_lms_");
        String event = post("applicant.ready_for_program", ready(app, "part_8", "Sam"));
        awaitAction(event, "ready-as-cloudevent", "done");
        List<RecordedRequest> sent = apis.requests(FakeApis.FORWARD_PATH + "/cloudevents", app);
        assertThat(sent).hasSize(1);
        JsonNode ce = read(sent.get(0).bodyText());
        assertThat(ce.get("specversion").asText()).isEqualTo("1.0");
        assertThat(ce.get("id").asText()).isEqualTo(event);
        assertThat(ce.get("source").asText()).isEqualTo("/webhooks/r-impact");
        assertThat(ce.get("type").asText()).isEqualTo("applicant.ready_for_program");
        assertThat(ce.get("data").get("data").get("offeringApplicationId").asText()).isEqualTo(app);
    }

    @Test
    void slackBlocksCarryEscapedEventValues() {
        String app = unique("app_blocks_");
        String event = post("program_application.rejected", Map.of("offeringApplicationId", app, "rejectionSource", "sponsor",
                "reason", "<!here> \"quoted\" & <https://x.example|click>"));
        awaitAction(event, "rejected-to-slack-blocks", "done");
        List<RecordedRequest> sent = apis.requests("/slack/api/chat.postMessage", app);
        assertThat(sent).hasSize(1);
        JsonNode body = read(sent.get(0).bodyText());
        assertThat(body.get("text").asText()).isEqualTo("Application " + app + " rejected");
        assertThat(body.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo("*Rejected* " + app + ": &lt;!here&gt; \"quoted\" &amp; &lt;https://x.example|click&gt;");
    }
}
