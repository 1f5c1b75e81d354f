package io.hookline.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.hookline.store.HooklineProcess;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An email series lives in the store: the packaged jar, killed with SIGKILL after the first
 * emails, sends the later steps after its restart — each exactly once — and a cancelling event
 * that arrived before the crash still holds.
 */
class EmailSeriesRestartIT {

    private static final String SECRET = "demo-impact-secret";
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<HooklineProcess> started = new ArrayList<>();
    private GreenMail smtp;

    @TempDir
    Path temp;

    @AfterEach
    void stop() {
        started.forEach(HooklineProcess::close);
        if (smtp != null) smtp.stop();
    }

    @Test
    void laterStepsAreSentAfterACrashAndACancelledSeriesStaysCancelled() throws Exception {
        int smtpPort = HooklineProcess.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        Path automations = temp.resolve("automations.yaml");
        Files.writeString(automations, """
                automations:
                  - name: rejection-series
                    on: impact/program_application.rejected
                    recipe: email-series
                    with:
                      to: "applicant-{{data.offeringApplicationId}}@example.org"
                      from: "programs@example.org"
                    steps:
                      - with: {subject: "1/3 {{data.offeringApplicationId}}", text: "We are sorry."}
                      - after: 8s
                        with: {subject: "2/3 {{data.offeringApplicationId}}", text: "Other programs."}
                      - after: 9s
                        with: {subject: "3/3 {{data.offeringApplicationId}}", text: "Last one."}
                    cancel:
                      on: impact/program_application.sponsor_approved
                      match: "{{data.offeringApplicationId}}"
                """);
        Path jar = HooklineProcess.copyJar(temp);
        Path db = temp.resolve("db");
        List<String> args = List.of("--hookline.automations.files=" + automations,
                "--hookline.mail.host=127.0.0.1", "--hookline.mail.port=" + smtpPort,
                "--hookline.automations.poll-interval=200ms", "--hookline.automations.lease=3s");
        HooklineProcess first = HooklineProcess.start("series-1", jar, db, args);
        started.add(first);

        String kept = rejected(first, "app_keep");
        String cancelled = rejected(first, "app_cancel");
        await().atMost(Duration.ofSeconds(30)).until(() -> subjects().containsAll(List.of("1/3 app_keep", "1/3 app_cancel")));
        // The sponsor approves app_cancel: its pending steps are cancelled before they are due.
        assertThat(first.webhooks.postImpact("impact", impact("program_application.sponsor_approved", "app_cancel"),
                SECRET, "approve-app_cancel").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> statuses(first, cancelled).equals(List.of("done", "cancelled", "cancelled")));

        first.kill();
        HooklineProcess second = HooklineProcess.start("series-2", jar, db, args);
        started.add(second);

        await().atMost(Duration.ofSeconds(60)).until(() -> subjects().contains("3/3 app_keep"));
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses(second, kept).equals(List.of("done", "done", "done")));
        assertThat(subjects()).as("every step once; nothing after the cancellation")
                .containsExactlyInAnyOrder("1/3 app_keep", "2/3 app_keep", "3/3 app_keep", "1/3 app_cancel");
        assertThat(statuses(second, cancelled)).containsExactly("done", "cancelled", "cancelled");
        // GreenMail lists messages by mailbox, not in order of arrival: look the last step up by subject.
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getSubject().equals("3/3 app_keep")) {
                assertThat(m.getAllRecipients()[0].toString()).isEqualTo("applicant-app_keep@example.org");
            }
        }
    }

    private String rejected(HooklineProcess h, String application) throws Exception {
        var r = h.webhooks.postImpact("impact", impact("program_application.rejected", application), SECRET, "reject-" + application);
        assertThat(r.statusCode()).isEqualTo(202);
        return mapper.readTree(r.body()).get("id").asText();
    }

    private static String impact(String event, String application) {
        return """
                {"event": "%s", "name": "test", "version": "1.0", "timestamp": "2025-04-28T22:11:00Z",
                 "data": {"offeringApplicationId": "%s", "rejectionSource": "sponsor", "reason": "Funding limits reached",
                          "scholarshipId": "sch_1", "scholarshipApplicationId": "scapp_1", "offeringVersionId": "ov_1",
                          "offeringId": "off_1", "applicantUserId": "usr_1", "applicantEmail": "a@example.org",
                          "applicantName": "A", "participantId": "p_1", "participantEmail": "a@example.org",
                          "participantName": "A", "applicationFormVersionId": "f_1",
                          "scholarshipApplicationFormVersionId": "sf_1"}}
                """.formatted(event, application);
    }

    private List<String> subjects() throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) out.add(m.getSubject());
        return out;
    }

    private List<String> statuses(HooklineProcess h, String eventId) throws Exception {
        JsonNode event = mapper.readTree(h.admin("GET", "/api/events/" + eventId).body());
        List<String> out = new ArrayList<>();
        for (JsonNode a : event.path("automations")) out.add(a.get("status").asText());
        return out;
    }
}
