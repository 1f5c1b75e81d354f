package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.FakeApis;
import io.hookline.support.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retries of an action (here an http-forward to a catch hook, each test on its own path):
 * transient failures (5xx, 429) are retried with back-off or after Retry-After up to
 * max-attempts (3 in application-test.yaml, from 200 ms doubling), others fail at once, and a
 * failed action runs again on replay.
 */
class ActionRetryTest extends RecipeTestSupport {

    private static final String AUTOMATION = "rejected-forward";

    private String rejected(String app) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offeringApplicationId", app);
        data.put("rejectionSource", "sponsor");
        data.put("reason", "Funding limits reached");
        return post("program_application.rejected", data);
    }

    private static Duration between(JsonNode earlier, JsonNode later) {
        return Duration.between(Instant.parse(earlier.get("finishedAt").asText()), Instant.parse(later.get("startedAt").asText()));
    }

    private int requestsTo(String path) {
        return apis.requests(r -> r.path().equals(path)).size();
    }

    @Test
    void twoServerErrorsThenSuccessIsDoneAfterThreeTriesWithGrowingWaits() {
        String app = unique("app_fwd_");
        String path = FakeApis.FORWARD_PATH + "/" + app;
        apis.failNext(path, 2, 500, "{\"error\":\"internal\"}");
        String id = rejected(app);

        JsonNode action = awaitAction(id, AUTOMATION, "done");

        assertThat(action.get("tries").asInt()).isEqualTo(3);
        assertThat(outcomes(action)).containsExactly("retry", "retry", "done");
        JsonNode attempts = action.get("attempts");
        assertThat(attempts).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(attempts.get(0).get("detail").asText()).isEqualTo("HTTP 500: {\"error\":\"internal\"}");
        assertThat(action.get("lastError").isNull()).isTrue();
        assertThat(between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(199));
        assertThat(between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(399));
        assertThat(apis.requests(r -> r.path().equals(path))).extracting(RecordedRequest::status).containsExactly(500, 500, 200);
    }

    @Test
    void retryAfterOnA429IsHonoured() {
        String app = unique("app_fwd_");
        String path = FakeApis.FORWARD_PATH + "/" + app;
        apis.failNext(path, 1, 429, "{\"error\":\"throttled\"}", Map.of("Retry-After", "1"));
        String id = rejected(app);

        JsonNode action = awaitAction(id, AUTOMATION, "done");

        assertThat(outcomes(action)).containsExactly("retry", "done");
        JsonNode attempts = action.get("attempts");
        assertThat(attempts.get(0).get("detail").asText()).isEqualTo("HTTP 429: {\"error\":\"throttled\"}");
        // Not the 200 ms back-off: the second try waited for the partner's second.
        assertThat(between(attempts.get(0), attempts.get(1))).isBetween(Duration.ofMillis(999), Duration.ofMillis(3000));
        assertThat(requestsTo(path)).isEqualTo(2);
    }

    @Test
    void aClientErrorFailsAfterOneTryWithoutRetrying() {
        String app = unique("app_fwd_");
        String path = FakeApis.FORWARD_PATH + "/" + app;
        apis.failNext(path, 1, 400, "{\"error\":\"unknown hook field\"}");
        String id = rejected(app);

        JsonNode action = awaitAction(id, AUTOMATION, "failed");

        assertThat(action.get("tries").asInt()).isEqualTo(1);
        assertThat(outcomes(action)).containsExactly("failed");
        assertThat(action.get("lastError").asText()).isEqualTo("HTTP 400: {\"error\":\"unknown hook field\"}");
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> requestsTo(path) == 1);
    }

    @Test
    void afterTheLastRetryTheActionFailsAndAReplayRunsItAgain() {
        String app = unique("app_fwd_");
        String path = FakeApis.FORWARD_PATH + "/" + app;
        apis.failNext(path, 3, 502, "Bad gateway");
        String id = rejected(app);

        JsonNode failed = awaitAction(id, AUTOMATION, "failed");

        assertThat(failed.get("tries").asInt()).isEqualTo(3);
        assertThat(outcomes(failed)).containsExactly("retry", "retry", "failed");
        assertThat(failed.get("lastError").asText()).isEqualTo("gave up after 3 tries: HTTP 502: Bad gateway");
        assertThat(requestsTo(path)).isEqualTo(3);

        HttpResponse<String> replay = webhooks.admin("POST", "/api/events/" + id + "/replay?automation=" + AUTOMATION);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        JsonNode body = read(replay.body());
        assertThat(body.get("automation").asText()).isEqualTo(AUTOMATION);
        assertThat(body.get("actions").asInt()).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode a = action(id, AUTOMATION, 1);
            assertThat(a.get("status").asText()).isEqualTo("done");
            assertThat(outcomes(a)).containsExactly("retry", "retry", "failed", "done");
            assertThat(a.get("tries").asInt()).isEqualTo(1);
            assertThat(a.get("lastError").isNull()).isTrue();
        });
        assertThat(apis.requests(r -> r.path().equals(path))).extracting(RecordedRequest::status).containsExactly(502, 502, 502, 200);
    }
}
