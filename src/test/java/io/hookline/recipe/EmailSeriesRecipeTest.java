package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.store.ActionAttempt;
import io.hookline.store.ActionStatus;
import io.hookline.store.ActionStore;
import io.hookline.store.StoredAction;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * email-series: while the sponsor decides, step 1 at once and step 2 after 2 s (days in real
 * life); the sponsor's decision on the same application cancels the step still pending.
 */
class EmailSeriesRecipeTest extends RecipeTestSupport {

    private static final String AUTOMATION = "pending-sponsor-nudges";
    private static final String FIRST = "Your application is with your sponsor";
    private static final String SECOND = "Still waiting on your sponsor";

    @Autowired
    ActionStore actions;

    private static Instant at(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText());
    }

    @Test
    void theSecondStepIsSentAfterItsDelay() throws Exception {
        String app = unique("app_series_");
        String email = unique("maria.") + "@example.com";
        String id = post("program_application.pending_sponsor", EmailRecipeTest.pendingSponsor(app, email, "Maria"));

        JsonNode first = awaitAction(id, AUTOMATION, 1, "done");
        MimeMessage mail = awaitMail(email, FIRST);
        assertThat(EmailRecipeTest.part(mail, "text/plain")).isEqualTo("Hi Maria, we sent application " + app + " to your sponsor.");
        JsonNode pending = action(id, AUTOMATION, 2);
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(Duration.between(at(first, "dueAt"), at(pending, "dueAt"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(mailsTo(email, SECOND)).isEmpty();

        // A decision on another application cancels nothing here.
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("offeringApplicationId", unique("app_series_"));
        other.put("rejectionSource", "sponsor");
        other.put("reason", "Funding limits reached");
        post("program_application.rejected", other);

        JsonNode second = awaitAction(id, AUTOMATION, 2, "done");
        MimeMessage later = awaitMail(email, SECOND);
        assertThat(EmailRecipeTest.part(later, "text/plain"))
                .isEqualTo("Hi Maria, your sponsor has not decided on application " + app + " yet.");
        assertThat(at(second.get("attempts").get(0), "startedAt")).isAfterOrEqualTo(at(second, "dueAt"));
        // The delay counts from when the series was scheduled (the first step's due time), not from when a
        // busy worker got round to the first step: measured from there, a late first step shortened it.
        assertThat(Duration.between(at(first, "dueAt"), at(second.get("attempts").get(0), "startedAt")))
                .isBetween(Duration.ofMillis(1900), Duration.ofMillis(4500));
        assertThat(outcomes(second)).containsExactly("done");
    }

    @Test
    void theSponsorsDecisionCancelsThePendingStep() throws Exception {
        String app = unique("app_series_");
        String email = unique("lee.") + "@example.com";
        String id = post("program_application.pending_sponsor", EmailRecipeTest.pendingSponsor(app, email, "Lee"));
        awaitAction(id, AUTOMATION, 1, "done");
        awaitMail(email, FIRST);
        JsonNode pending = action(id, AUTOMATION, 2);
        assertThat(pending.get("status").asText()).isEqualTo("pending");

        Map<String, Object> approved = new LinkedHashMap<>();
        approved.put("offeringApplicationId", app);
        approved.put("offeringId", "off_008");
        approved.put("applicantEmail", email);
        approved.put("applicantName", "Lee");
        String decision = post("program_application.sponsor_approved", approved);

        JsonNode cancelled = awaitAction(id, AUTOMATION, 2, "cancelled");
        assertThat(cancelled.get("lastError").asText())
                .isEqualTo("cancelled by event " + decision + " (r-impact/program_application.sponsor_approved)");
        assertThat(cancelled.get("attempts")).isEmpty();
        assertThat(action(id, AUTOMATION, 1).get("status").asText()).isEqualTo("done");
        // Past the step's due time and a few polls more: it never runs, no mail.
        Duration left = Duration.between(Instant.now(), at(pending, "dueAt")).plusMillis(700);
        await().during(left.isNegative() ? Duration.ofMillis(700) : left).atMost(left.plusSeconds(2)).untilAsserted(() -> {
            assertThat(mailsTo(email, SECOND)).isEmpty();
            assertThat(action(id, AUTOMATION, 2).get("status").asText()).isEqualTo("cancelled");
        });
    }

    /**
     * The decision can arrive while a step is being sent (its mail already out, its outcome not yet
     * written): that step ends done, as it happened; a step whose try failed meanwhile stays cancelled.
     */
    @Test
    void aStepSentWhileTheDecisionArrivedEndsDoneAndOneThatFailedStaysCancelled() {
        String series = unique("race-series");
        Instant due = Instant.now().plus(Duration.ofHours(1)); // never due for the running worker
        assertThat(actions.schedule(unique("evt-"), series, 0, due, "app-race", null, Instant.now())).isTrue();
        assertThat(actions.schedule(unique("evt-"), series, 1, due, "app-race", null, Instant.now())).isTrue();
        Instant then = due.plusSeconds(1);
        List<StoredAction> running = actions.claimDue(then, then.plusSeconds(60), 100, Set.of()).stream()
                .filter(a -> a.automation().equals(series)).toList();
        assertThat(running).hasSize(2);

        assertThat(actions.cancel(series, "app-race", "cancelled by the decision", then)).isEqualTo(2);
        StoredAction sent = running.get(0);
        StoredAction failed = running.get(1);
        actions.record(sent, ActionStatus.DONE, sent.dueAt(), null, new ActionAttempt(0, then, then, "done", "sent"));
        actions.record(failed, ActionStatus.PENDING, then.plusSeconds(30), "SMTP 451",
                new ActionAttempt(0, then, then, "retry", "SMTP 451"));

        StoredAction afterSent = actions.find(sent.id()).orElseThrow();
        assertThat(afterSent.status()).isEqualTo(ActionStatus.DONE);
        assertThat(afterSent.lastError()).isNull();
        StoredAction afterFailed = actions.find(failed.id()).orElseThrow();
        assertThat(afterFailed.status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(afterFailed.lastError()).isEqualTo("cancelled by the decision");
    }
}
