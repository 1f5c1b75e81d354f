package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * email-series: while the sponsor decides, step 1 at once and step 2 after 2 s (days in real
 * life); the sponsor's decision on the same application cancels the step still pending.
 */
class EmailSeriesRecipeTest extends RecipeTestSupport {

    private static final String AUTOMATION = "pending-sponsor-nudges";
    private static final String FIRST = "Your application is with your sponsor";
    private static final String SECOND = "Still waiting on your sponsor";

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
}
