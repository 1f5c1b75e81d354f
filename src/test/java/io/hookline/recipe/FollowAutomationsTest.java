package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.automation.ActionWorker;
import io.hookline.support.FakeApis;
import io.hookline.support.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Following automations: the skipped trace of a `when` filter, the event list by automation
 * state, the action queue, the loaded automations, the log line of a finished action, and an
 * enrich route (src/test/resources/test-routes/enrich.camel.yaml gives r-impact milestone events
 * a data.tier, which automation gold-milestone-forward filters and renders on).
 */
class FollowAutomationsTest extends RecipeTestSupport {

    private static final String GOLD = "gold-milestone-forward";
    private static final String TYPE = "milestone.status_changed";

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        ((Logger) LoggerFactory.getLogger(ActionWorker.class)).addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(ActionWorker.class)).detachAppender(lines);
    }

    private static Map<String, Object> milestone(String application) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("milestoneId", "ms_" + application);
        data.put("offeringApplicationId", application);
        data.put("status", "completed");
        return data;
    }

    private JsonNode admin(String path) {
        HttpResponse<String> answer = webhooks.admin("GET", path);
        assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
        return read(answer.body());
    }

    private static List<String> ids(JsonNode page, String list, String field) {
        List<String> out = new ArrayList<>();
        page.get(list).forEach(e -> out.add(e.get(field).asText()));
        return out;
    }

    @Test
    void anEnrichRouteChangesWhatTheFilterAndTheTemplatesSee() {
        String app = unique("app_gold_");
        String id = post(TYPE, milestone(app));

        JsonNode action = awaitAction(id, GOLD, "done");

        List<RecordedRequest> sent = apis.requests(FakeApis.FORWARD_PATH + "/enriched/" + app, app);
        assertThat(sent).hasSize(1);
        assertThat(read(sent.get(0).bodyText())).isEqualTo(read("{\"application\": \"" + app + "\", \"tier\": \"gold\"}"));
        assertThat(action.get("tries").asInt()).isEqualTo(1);
        // The event log keeps the payload as it was received.
        assertThat(webhooks.event(id).get("payload").get("data").has("tier")).isFalse();
    }

    @Test
    void anAutomationItsFilterSkipsLeavesATraceThatNeverRuns() {
        String app = unique("app_plain_");
        String id = post(TYPE, milestone(app));

        JsonNode skipped = awaitAction(id, GOLD, 1, "skipped");

        assertThat(skipped.get("detail").asText()).isEqualTo("when evaluated false: ${data.tier} == 'gold'");
        assertThat(skipped.get("lastError").isNull()).isTrue();
        assertThat(skipped.get("tries").asInt()).isZero();
        assertThat(skipped.get("attempts")).isEmpty();
        assertThat(automationsOf(id)).doesNotContain(GOLD);
        // A skipped automation is not an action: it cannot be replayed on its own.
        HttpResponse<String> replay = webhooks.admin("POST", "/api/events/" + id + "/replay?automation=" + GOLD);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(404);
        assertThat(read(replay.body()).get("detail").asText()).contains("was skipped", "${data.tier} == 'gold'");
        // Replaying the event evaluates the filter again: still false, still one skipped trace.
        webhooks.awaitStatus(id, "processed");
        assertThat(webhooks.admin("POST", "/api/events/" + id + "/replay").statusCode()).isEqualTo(202);
        webhooks.awaitStatus(id, "processed");
        assertThat(webhooks.event(id).get("automations")).hasSize(1);
        assertThat(action(id, GOLD, 1).get("status").asText()).isEqualTo("skipped");
        assertThat(apis.requests(FakeApis.FORWARD_PATH + "/enriched/" + app, app)).isEmpty();
    }

    @Test
    void eventsAndActionsCanBeListedByTheStateOfTheirAutomations() {
        String gold = post(TYPE, milestone(unique("app_gold_")));
        awaitAction(gold, GOLD, "done");
        String plain = post(TYPE, milestone(unique("app_plain_")));
        awaitAction(plain, GOLD, "skipped");

        String events = "/api/events?source=" + SOURCE + "&type=" + TYPE + "&automationStatus=";
        assertThat(ids(admin(events + "done&limit=500"), "events", "id")).contains(gold).doesNotContain(plain);
        assertThat(ids(admin(events + "skipped&limit=500"), "events", "id")).contains(plain).doesNotContain(gold);
        assertThat(ids(admin(events + "failed&limit=500"), "events", "id")).doesNotContain(gold, plain);
        // With the other filters and the paging: the newest event with a done action is this test's.
        assertThat(ids(admin(events + "done&status=processed&limit=1"), "events", "id")).containsExactly(gold);

        // The queue: newest first, each action with its event.
        JsonNode queue = admin("/api/actions?automation=" + GOLD + "&limit=2");
        assertThat(ids(queue, "actions", "eventId")).containsExactly(plain, gold);
        JsonNode first = queue.get("actions").get(0);
        assertThat(first.get("source").asText()).isEqualTo(SOURCE);
        assertThat(first.get("type").asText()).isEqualTo(TYPE);
        assertThat(first.get("automation").asText()).isEqualTo(GOLD);
        assertThat(first.get("step").asInt()).isEqualTo(1);
        assertThat(first.get("status").asText()).isEqualTo("skipped");
        assertThat(first.get("tries").asInt()).isZero();
        assertThat(first.get("dueAt").asText()).isNotBlank();
        assertThat(first.has("lastError")).isTrue();
        assertThat(ids(admin("/api/actions?automation=" + GOLD + "&status=done&limit=500"), "actions", "eventId"))
                .contains(gold).doesNotContain(plain);
        assertThat(ids(admin("/api/actions?automation=" + GOLD + "&limit=1&offset=1"), "actions", "eventId"))
                .containsExactly(gold);
        assertThat(admin("/api/actions?automation=no-such-automation").get("actions")).isEmpty();
    }

    @Test
    void theAutomationsAreListedAsWrittenWithTheirCountsAndNoSecret() {
        String gold = post(TYPE, milestone(unique("app_gold_")));
        awaitAction(gold, GOLD, "done");

        HttpResponse<String> answer = webhooks.admin("GET", "/api/automations");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(FakeApis.SLACK_WEBHOOK_PATH, FakeApis.SLACK_BOT_TOKEN,
                FakeApis.STRIPE_SECRET_KEY, FakeApis.HUBSPOT_TOKEN, FakeApis.FORWARD_SECRET, "NeverShowThisToken");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        read(answer.body()).get("automations").forEach(a -> byName.put(a.get("name").asText(), a));

        JsonNode slack = byName.get("rejected-to-slack");
        assertThat(slack.get("file").asText()).isEqualTo("src/test/resources/automations-test.yaml");
        assertThat(slack.get("on").get(0).asText()).isEqualTo("r-impact/program_application.rejected");
        assertThat(slack.get("when").isNull()).isTrue();
        assertThat(slack.get("recipe").asText()).isEqualTo("slack-alert");
        assertThat(slack.get("parameters").get("webhookUrl").asText()).isEqualTo("{{env.SLACK_WEBHOOK_URL}}");
        assertThat(slack.get("parameters").get("token").asText()).as("empty: nothing to hide").isEmpty();
        assertThat(slack.get("parameters").get("text").asText()).startsWith("Application {{data.offeringApplicationId}}");
        assertThat(slack.get("dryRun").asBoolean()).isFalse();
        assertThat(byName.get("rejected-to-slack-dry-run").get("dryRun").asBoolean()).isTrue();
        // A secret parameter (format: password) written as a literal is masked; the others stay as written.
        JsonNode literal = byName.get("literal-token-never-shown").get("parameters");
        assertThat(literal.get("token").asText()).isEqualTo("****");
        assertThat(literal.get("channel").asText()).isEqualTo("#impact-alerts");

        JsonNode gold0 = byName.get(GOLD);
        assertThat(gold0.get("when").asText()).isEqualTo("${data.tier} == 'gold'");
        assertThat(gold0.get("actions").get("done").asLong()).isPositive();
        assertThat(gold0.get("actions").get("failed").asLong()).isZero();
        assertThat(gold0.get("actions").has("pending")).isTrue();

        JsonNode series = byName.get("pending-sponsor-nudges");
        assertThat(series.has("parameters")).isFalse();
        assertThat(series.get("steps")).hasSize(2);
        assertThat(series.get("steps").get(1).get("after").asText()).isEqualTo("PT2S");
        assertThat(series.get("steps").get(1).get("parameters").get("subject").asText()).isEqualTo("Still waiting on your sponsor");
        assertThat(series.get("cancel").get("match").asText()).isEqualTo("{{data.offeringApplicationId}}");
    }

    @Test
    void aFinishedActionIsOneLogLineWithThePartnersIdAndNoBody() {
        String app = unique("app_bot_");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offeringApplicationId", app);
        data.put("rejectionSource", "sponsor");
        data.put("reason", "Secret reason text");
        String id = post("program_application.rejected", data);
        awaitAction(id, "rejected-to-slack-bot", "done");

        await().atMost(WAIT).untilAsserted(() -> assertThat(messages(id, "rejected-to-slack-bot")).hasSize(1));
        String line = messages(id, "rejected-to-slack-bot").get(0);
        assertThat(line).matches("Automation rejected-to-slack-bot on event " + id + ": done \\(partner id "
                + FakeApis.SLACK_CHANNEL_ID + "/[0-9.]+\\)");
        assertThat(lines.list.stream().filter(e -> e.getFormattedMessage().contains(id)).findFirst().orElseThrow()
                .getLevel().toString()).isEqualTo("INFO");

        String dry = post("program_application.rejected", Map.of("offeringApplicationId", unique("app_dry_"),
                "reason", "Secret reason text"));
        awaitAction(dry, "rejected-to-slack-dry-run", "done");
        await().atMost(WAIT).untilAsserted(() -> assertThat(messages(dry, "rejected-to-slack-dry-run"))
                .containsExactly("Automation rejected-to-slack-dry-run on event " + dry + ": dry-run"));
        assertThat(lines.list).noneMatch(e -> e.getFormattedMessage().contains("Secret reason text"));
    }

    private List<String> messages(String eventId, String automation) {
        return new ArrayList<>(lines.list).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Automation " + automation + " on event " + eventId + ":")).toList();
    }
}
