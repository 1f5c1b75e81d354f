package io.hookline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.outbound.Receiver;
import io.hookline.outbound.Receivers;
import io.hookline.support.Browser;
import io.hookline.support.TestSigner;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Webhooks (outbound) in a real browser, sending to receivers on loopback (allowed by the test
 * configuration's hookline.outbound.allowed-networks): create one and see its secret once, send a
 * test and read the attempt, re-send what failed, disable, enable, rotate, delete.
 */
class ConsoleWebhooksTest extends ConsoleTestSupport {

    @RegisterExtension
    final Receivers receivers = new Receivers();

    /** A webhook made through the form; the browser is left on its page. */
    private record Created(String id, String secret) {
    }

    /** Fills and posts the create form: {@code catalogueEvent} chosen in the list, or {@code otherEvent} typed. */
    private void submitForm(String nickname, String url, String catalogueEvent, String otherEvent) {
        open("/console/webhooks");
        Browser.find(By.linkText("New webhook")).click();
        Browser.find(By.name("nickname")).sendKeys(nickname);
        Browser.find(By.name("url")).sendKeys(url);
        if (catalogueEvent != null) new Select(Browser.find(By.name("events"))).selectByValue(catalogueEvent);
        if (otherEvent != null) Browser.find(By.name("otherEvents")).sendKeys(otherEvent);
        Browser.find(By.xpath("//button[text()='Create webhook']")).click();
    }

    private Created create(String nickname, String url, String catalogueEvent, String otherEvent) {
        submitForm(nickname, url, catalogueEvent, otherEvent);
        assertThat(Browser.find(By.cssSelector("p.notice")).getText()).isEqualTo("Webhook created.");
        String id = browser.getCurrentUrl().substring(url("/console/webhooks/").length());
        return new Created(id, Browser.find(By.id("secret")).getText());
    }

    /** A unique event name, so that no other test's publishing reaches these webhooks. */
    private static String event() {
        return "console_" + UUID.randomUUID().toString().substring(0, 8) + ".happened";
    }

    private void click(String button) {
        Browser.find(By.xpath("//button[text()='" + button + "']")).click();
    }

    /** Clicks a button with a data-confirm question and says yes. */
    private void clickConfirmed(String button) {
        click(button);
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    private String notice() {
        return Browser.find(By.cssSelector("p.notice")).getText();
    }

    /** Reloads the page until its main text holds all of {@code expected}. */
    private void awaitText(String path, String... expected) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            open(path);
            assertThat(text()).contains(expected);
        });
    }

    @Test
    void aNewWebhooksSecretIsShownOnceAndATestSendIsLoggedWithItsAttempt() throws Exception {
        Receiver r = receivers.open();
        String nickname = unique("console-<b>crm</b>-");
        Created hook = create(nickname, r.url("/console"), "applicant.joined_waitlist", null);

        assertThat(Browser.find(By.tagName("h1")).getText()).contains(nickname, "enabled");
        assertThat(Browser.all(By.cssSelector("main h1 b"))).as("a nickname is text, never markup").isEmpty();
        assertThat(hook.secret()).startsWith("hls_");
        assertThat(Browser.find(By.cssSelector("section.secret")).getText()).contains("it will not be shown again");
        assertThat(Browser.find(By.cssSelector("section.secret button[data-copy='#secret']")).getText()).isEqualTo("copy");
        Browser.screenshot("webhook-created-secret");

        browser.navigate().refresh();
        assertThat(Browser.find(By.tagName("h1")).getText()).contains(nickname);
        assertThat(Browser.all(By.id("secret"))).as("the secret is shown once").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(hook.secret());

        open("/console/webhooks");
        WebElement row = Browser.find(By.xpath("//tr[td/a[text()='" + nickname + "']]"));
        assertThat(row.getText()).contains(r.url("/console"), "applicant.joined_waitlist", "enabled", "API / console");
        Browser.screenshot("webhooks");
        row.findElement(By.linkText(nickname)).click();

        click("Send a test");
        assertThat(notice()).startsWith("Test sent: applicant.joined_waitlist as delivery ");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.requests.size() == 1);
        Receiver.Request got = r.requests.get(0);
        String signature = TestSigner.hex(hook.secret(), got.body());
        assertThat(got.header("X-Impact-Signature")).as("signed with the secret the page showed").isEqualTo(signature);
        String delivery = got.header("X-Hookline-Delivery");
        assertThat(notice()).endsWith(delivery + ".");

        awaitText("/console/webhooks/" + hook.id(), "applicant.joined_waitlist", "succeeded");
        Browser.screenshot("webhook");
        Browser.find(By.cssSelector("a[href='/console/deliveries/" + delivery + "']")).click();

        assertThat(Browser.find(By.tagName("h1")).getText()).contains("applicant.joined_waitlist", "succeeded");
        assertThat(Browser.find(By.id("body")).getText()).contains("\"event\" : \"applicant.joined_waitlist\"");
        WebElement attempt = Browser.find(By.id("attempt-1"));
        assertThat(attempt.findElement(By.cssSelector(".request")).getText())
                .contains("POST " + r.url("/console"), "X-Hookline-Delivery " + delivery, "X-Impact-Signature " + signature.substring(0, 6) + "…(masked)");
        assertThat(attempt.findElement(By.cssSelector(".response")).getText()).contains("HTTP 204", "No body.");
        assertThat(browser.getPageSource()).as("never the full signature or the secret")
                .doesNotContain(signature).doesNotContain(hook.secret());
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", Browser.find(By.id("attempts-h")));
        Browser.screenshot("delivery");
    }

    /** Creates a webhook on {@code r} (which answers failures), sends a test and waits for all its attempts. */
    private Created failedTestSend(Receiver r, String nickname) {
        Created hook = create(nickname, r.url("/" + nickname), null, event());
        click("Send a test");
        // Test configuration: 4 attempts in all, then the delivery fails.
        await().atMost(Duration.ofSeconds(20)).until(() -> r.requests.size() == 4);
        return hook;
    }

    @Test
    void aFailedDeliveryIsReSentFromItsPageAndDelivered() throws Exception {
        Receiver r = receivers.open().otherwise(500);
        Created hook = failedTestSend(r, unique("console-down-"));
        String delivery = r.requests.get(0).header("X-Hookline-Delivery");
        awaitText("/console/webhooks/" + hook.id() + "?status=failed", "gave up after 4 attempts: HTTP 500");

        Browser.find(By.cssSelector("a[href='/console/deliveries/" + delivery + "']")).click();
        assertThat(Browser.find(By.tagName("h1")).getText()).contains("failed");
        assertThat(Browser.all(By.cssSelector("article.attempt"))).hasSize(4);
        assertThat(Browser.find(By.id("attempt-4")).getText()).contains("HTTP 500", "{\"received\":4}");

        r.otherwise(204);
        click("Re-send");
        assertThat(notice()).contains("re-sent with the same delivery id");
        awaitText("/console/deliveries/" + delivery, "succeeded");
        assertThat(Browser.find(By.id("attempt-5")).getText()).contains("HTTP 204");
        assertThat(r.requests).hasSize(5);
        assertThat(r.requests.get(4).header("X-Hookline-Delivery")).isEqualTo(delivery);
    }

    @Test
    void failedDeliveriesAreListedAcrossWebhooksAndReSentInBulkSinceATime() throws Exception {
        Receiver r = receivers.open().otherwise(503);
        String nickname = unique("console-bulk-");
        Created hook = failedTestSend(r, nickname);
        String delivery = r.requests.get(0).header("X-Hookline-Delivery");

        open("/console");
        Browser.find(By.xpath("//a[contains(.,'failed deliveries')]")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/webhooks?deliveries=failed"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(Browser.find(By.xpath("//tr[td/a[@href='/console/deliveries/" + delivery + "']]")).getText())
                    .contains(nickname, "failed", "gave up after 4 attempts: HTTP 503");
        });
        Browser.screenshot("webhooks-failed");

        r.otherwise(200);
        open("/console/webhooks/" + hook.id());
        WebElement since = Browser.find(By.name("since"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2099-01-01T00:00'", since);
        clickConfirmed("Re-send failed");
        assertThat(notice()).isEqualTo("0 failed deliveries re-sent.");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/webhooks/" + hook.id()));

        clickConfirmed("Re-send failed"); // the form's own value: a day ago
        assertThat(notice()).isEqualTo("1 failed delivery re-sent.");
        awaitText("/console/webhooks/" + hook.id(), "succeeded");
        assertThat(r.requests.get(4).header("X-Hookline-Delivery")).isEqualTo(delivery);
    }

    @Test
    void aWebhookIsDisabledEnabledRotatedAndDeleted() throws Exception {
        Receiver r = receivers.open();
        String nickname = unique("console-life-");
        Created hook = create(nickname, r.url("/life"), null, event());

        clickConfirmed("Disable");
        assertThat(notice()).startsWith("Webhook disabled");
        assertThat(Browser.find(By.tagName("h1")).getText()).contains("disabled");
        open("/console");
        Browser.find(By.xpath("//a[contains(.,'disabled webhooks')]")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/webhooks?enabled=false"));
        assertThat(Browser.find(By.xpath("//tr[td/a[text()='" + nickname + "']]")).getText()).contains("disabled");

        Browser.find(By.linkText(nickname)).click();
        click("Enable");
        assertThat(notice()).startsWith("Webhook enabled");
        assertThat(Browser.find(By.tagName("h1")).getText()).contains("enabled");
        open("/console/webhooks?enabled=false");
        assertThat(Browser.all(By.linkText(nickname))).isEmpty();

        open("/console/webhooks/" + hook.id());
        new Select(Browser.find(By.name("grace"))).selectByValue("1h");
        clickConfirmed("Rotate secret");
        assertThat(notice()).startsWith("Secret rotated. The previous secret signs too until ");
        String fresh = Browser.find(By.id("secret")).getText();
        assertThat(fresh).startsWith("hls_").isNotEqualTo(hook.secret());
        click("Send a test");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.requests.size() == 1);
        Receiver.Request got = r.requests.get(0);
        assertThat(got.header("X-Impact-Signature").split(","))
                .containsExactly(TestSigner.hex(fresh, got.body()), TestSigner.hex(hook.secret(), got.body()));

        clickConfirmed("Delete");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/webhooks"));
        assertThat(notice()).startsWith("Webhook deleted");
        assertThat(Browser.all(By.linkText(nickname))).isEmpty();
        open("/console/webhooks/" + hook.id());
        assertThat(text()).contains("404", "no webhook with id " + hook.id());
    }

    @Test
    void aRefusedUrlIsTheErrorAndTheFormKeepsItsValues() {
        String nickname = unique("console-refused-");
        submitForm(nickname, "http://10.1.2.3/hook", "payment.received", "also.this");

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/webhooks/new"));
        assertThat(Browser.find(By.cssSelector("p.error")).getText())
                .contains("10.1.2.3", "hookline.outbound.allowed-networks");
        assertThat(Browser.find(By.name("nickname")).getAttribute("value")).isEqualTo(nickname);
        assertThat(Browser.find(By.name("url")).getAttribute("value")).isEqualTo("http://10.1.2.3/hook");
        assertThat(new Select(Browser.find(By.name("events"))).getAllSelectedOptions())
                .extracting(WebElement::getText).containsExactly("payment.received");
        assertThat(Browser.find(By.name("otherEvents")).getAttribute("value")).isEqualTo("also.this");
        Browser.screenshot("webhook-refused");
        open("/console/webhooks");
        assertThat(Browser.all(By.linkText(nickname))).isEmpty();
    }
}
