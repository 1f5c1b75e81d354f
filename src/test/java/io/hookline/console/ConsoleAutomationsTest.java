package io.hookline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.support.Browser;
import io.hookline.support.FakeApis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** Automations (parameters with {{env.…}} values masked, outcomes, recipes) and failed actions with replay. */
class ConsoleAutomationsTest extends ConsoleTestSupport {

    @Test
    void automationsShowTheirRecipeAndParametersButNoSecretValue() {
        open("/console/automations");
        WebElement slack = Browser.find(By.id("automation-rejected-to-slack"));
        assertThat(slack.getText()).contains("r-impact/program_application.rejected", "slack-alert", "webhookUrl",
                "{{env.SLACK_WEBHOOK_URL}}", "from the environment, not shown");
        assertThat(Browser.find(By.id("automation-rejected-to-slack-dry-run")).getText())
                .contains("dry run", "startsWith 'app_dry_'");
        assertThat(Browser.find(By.id("automation-pending-sponsor-nudges")).getText()).contains("Step 2, after PT2S");

        WebElement recipe = Browser.find(By.id("recipe-slack-alert"));
        assertThat(recipe.getText()).contains("Slack alert", "webhookUrl", "Incoming-webhook URL", "needs webhookUrl, or token and channel");
        assertThat(recipe.findElement(By.cssSelector("details .doc")).getAttribute("textContent"))
                .contains("posts a message to Slack");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", slack);
        Browser.screenshot("automations");

        String page = browser.getPageSource();
        for (String secret : new String[] {FakeApis.SLACK_WEBHOOK_PATH, FakeApis.SLACK_BOT_TOKEN, FakeApis.HUBSPOT_TOKEN,
                FakeApis.STRIPE_SECRET_KEY, FakeApis.FORWARD_SECRET, "NeverShowThisToken"}) {
            assertThat(page).as("the page shows no secret").doesNotContain(secret);
        }

        open("/console/automations?name=rejected-to-slack");
        assertThat(Browser.all(By.cssSelector("article.automation"))).hasSize(1);
        assertThat(Browser.all(By.cssSelector("article.recipe"))).extracting(e -> e.getAttribute("id"))
                .containsExactly("recipe-slack-alert");
    }

    @Test
    void aFailedActionIsListedAndItsReplayMakesItSucceed() {
        String id = eventWithAFailedForward();

        open("/console");
        Browser.find(By.xpath("//a[contains(.,'failed automation actions')]")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/automations?status=failed"));
        WebElement row = Browser.find(By.xpath("//table[contains(@class,'actions')]//tr[td/a[@href='/console/events/" + id + "']]"));
        assertThat(row.getText()).contains("rejected-forward", "failed", "HTTP 400");

        row.findElement(By.xpath(".//button[text()='Replay rejected-forward']")).click();
        assertThat(Browser.find(By.cssSelector("p.notice")).getText()).contains("Automation rejected-forward replayed");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            open("/console/automations?name=rejected-forward&status=done");
            assertThat(Browser.all(By.xpath("//tr[td/a[@href='/console/events/" + id + "']]"))).hasSize(1);
        });
        open("/console/automations?status=failed");
        assertThat(Browser.all(By.xpath("//tr[td/a[@href='/console/events/" + id + "']]"))).isEmpty();
    }
}
