package io.hookline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.support.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/** Sign-in, the overview and the event pages, in a real browser. */
class ConsoleEventsTest extends ConsoleTestSupport {

    @Test
    void aWrongTokenIsRefusedAndSignOutEndsTheSession() {
        Cookie session = browser.manage().getCookieNamed("HOOKLINE_CONSOLE");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        signOut();
        open("/console/events");
        assertThat(browser.getCurrentUrl()).as("signed out: back to the login page").isEqualTo(url("/console/login"));

        signIn("not-the-admin-token-at-all");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/login?error"));
        assertThat(text()).contains("That is not the admin token.");
        Browser.screenshot("login-refused");
        open("/console/events");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/login"));
    }

    @Test
    void aSignedWebhookAppearsInEventsAndItsDetailShowsThePayload() {
        String app = unique("app-console-");
        String id = post("t-impact", IMPACT_SECRET, rejected(app, "Funding limits reached"));
        webhooks.awaitStatus(id, "processed");

        open("/console/events?source=t-impact");
        WebElement link = Browser.find(By.cssSelector("a[href='/console/events/" + id + "']"));
        assertThat(link.findElement(By.xpath("./ancestor::tr")).getText())
                .contains("t-impact", "program_application.rejected", "processed");
        Browser.screenshot("events");
        link.click();

        assertThat(Browser.find(By.tagName("h1")).getText()).contains("program_application.rejected", "processed");
        assertThat(Browser.find(By.id("payload")).getText()).contains("\"offeringApplicationId\" : \"" + app + "\"",
                "\"reason\" : \"Funding limits reached\"");
        assertThat(text()).contains("Processing history", "processed");
        Browser.screenshot("event");
    }

    @Test
    void senderValuesRenderAsTextNeverAsMarkup() {
        String script = "<script>document.title='owned'</script>";
        String img = "<img src=x onerror=\"document.title='owned'\">";
        String id = post("t-impact", IMPACT_SECRET, rejected(unique("app-xss-") + img, script));
        webhooks.awaitStatus(id, "processed");

        open("/console/events/" + id);
        assertThat(Browser.find(By.id("payload")).getText()).contains(script.replace("\"", "\\\""), img.replace("\"", "\\\""));
        assertThat(browser.getTitle()).isEqualTo("Event · Hookline");
        assertThat(Browser.all(By.cssSelector("main img"))).isEmpty();
        assertThat(Browser.all(By.cssSelector("main script"))).isEmpty();
        Browser.screenshot("event-xss");
    }

    @Test
    void aQuarantinedEventShowsItsValidationErrors() {
        String id = post("t-impact", IMPACT_SECRET, rejected(null, "no application id"));
        open("/console/events?status=quarantined&source=t-impact");
        Browser.find(By.cssSelector("a[href='/console/events/" + id + "']")).click();

        assertThat(Browser.find(By.tagName("h1")).getText()).contains("quarantined");
        assertThat(Browser.find(By.cssSelector("ul.violations")).getText()).contains("offeringApplicationId");
        Browser.screenshot("event-quarantined");
    }

    @Test
    void aFailedAutomationShowsItsAttemptsAndReplayMakesItSucceed() {
        String id = eventWithAFailedForward();

        open("/console/events/" + id);
        WebElement action = Browser.find(By.xpath("//article[contains(@class,'action')][.//a[text()='rejected-forward']]"));
        assertThat(action.getText()).contains("failed", "HTTP 400", "unknown hook field");
        Browser.screenshot("event-failed-action");

        action.findElement(By.xpath(".//button[text()='Replay rejected-forward']")).click();
        assertThat(Browser.find(By.cssSelector("p.notice")).getText()).contains("Automation rejected-forward replayed");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            open("/console/events/" + id);
            assertThat(Browser.find(By.xpath("//article[contains(@class,'action')][.//a[text()='rejected-forward']]"))
                    .getText()).contains("done");
        });
    }

    @Test
    void theOverviewCountsEventsAndLinksToWhatNeedsAPerson() {
        post("t-impact", IMPACT_SECRET, rejected(null, "quarantine me"));
        webhooks.postImpact("t-impact", rejected("app-forged", "forged"), "not-the-secret-of-t-impact", "dlv-forged");

        open("/console");
        WebElement row = Browser.find(By.xpath("//tr[td/a[text()='t-impact']]"));
        assertThat(row.getText()).contains("invalid_signature");
        assertThat(Browser.find(By.xpath("//a[contains(.,'quarantined events')]")).getText()).doesNotStartWith("0");
        Browser.screenshot("overview");
        Browser.find(By.xpath("//a[contains(.,'quarantined events')]")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/events?status=quarantined"));
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        String id = post("t-impact", IMPACT_SECRET, rejected(unique("app-csrf-"), "csrf"));
        String session = browser.manage().getCookieNamed("HOOKLINE_CONSOLE").getValue();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/console/events/" + id + "/replay")))
                .header("Cookie", "HOOKLINE_CONSOLE=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
        // The signed-in session itself is fine: the same page still opens.
        open("/console/events/" + id);
        assertThat(Browser.find(By.tagName("h1")).getText()).contains("program_application.rejected");
    }

    @Test
    void pagesCarryAContentSecurityPolicyWithoutInlineScripts() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/console/login")))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(login.body()).doesNotContain("<script>").doesNotContain("onclick=");
    }
}
