package io.hookline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.support.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.yaml.snakeyaml.Yaml;

/** Sources (URL to paste, signature scheme, never a secret, send a test) and the catalogue, in a real browser. */
class ConsoleSourcesTest extends ConsoleTestSupport {

    @Test
    void sourcesShowTheUrlToPasteAndTheSchemeButNoSecret() throws IOException {
        open("/console/sources");
        WebElement impact = Browser.find(By.id("source-t-impact"));
        String url = impact.findElement(By.cssSelector("code.url")).getText();
        assertThat(url).isEqualTo(url("/webhooks/t-impact")).endsWith("/webhooks/t-impact");
        assertThat(impact.findElement(By.cssSelector("dd.scheme")).getText())
                .contains("HMAC-SHA256", "hex", "X-Impact-Signature");
        assertThat(Browser.find(By.cssSelector("#source-t-impact-b64 dd.scheme")).getText()).contains("base64");
        assertThat(Browser.find(By.cssSelector("#source-t-creator dd.scheme")).getText())
                .contains("X-Creator-Signature", "'v1='");
        assertThat(Browser.find(By.cssSelector("#source-t-gleam dd.scheme")).getText())
                .contains("sender IP allow-list", "173.255.204.234");
        assertThat(Browser.find(By.cssSelector("#source-t-stripe dd.scheme")).getText()).contains("Stripe-Signature");
        assertThat(Browser.find(By.cssSelector("#source-t-standard dd.scheme")).getText()).contains("webhook-signature");
        Browser.screenshot("sources");

        List<String> secrets = configuredSecrets();
        assertThat(secrets).contains(IMPACT_SECRET, RECIPE_SECRET);
        String page = browser.getPageSource();
        for (String secret : secrets) assertThat(page).as("the page shows no secret").doesNotContain(secret);
    }

    @Test
    void aTestSentFromSourcesOpensAsAnEvent() {
        open("/console/sources");
        WebElement impact = Browser.find(By.id("source-t-impact"));
        new Select(impact.findElement(By.name("event"))).selectByVisibleText("payment.received");
        impact.findElement(By.xpath(".//button[text()='Send a test to t-impact']")).click();

        assertThat(Browser.find(By.cssSelector("p.notice")).getText()).contains("Test payment.received sent to t-impact");
        assertThat(browser.getCurrentUrl()).startsWith(url("/console/events/"));
        assertThat(Browser.find(By.tagName("h1")).getText()).contains("payment.received");
        assertThat(text()).contains("t-impact", "test-");
        assertThat(Browser.find(By.id("payload")).getText()).contains("payment.received");
    }

    @Test
    void theCatalogueShowsAnEventsSchemaAndSampleSideBySide() {
        open("/console/catalogue");
        assertThat(text()).contains("impact", "webconnex", "stripe");
        Browser.screenshot("catalogue");
        Browser.find(By.cssSelector("a[href='/console/catalogue/impact/program_application.rejected']")).click();

        assertThat(Browser.find(By.tagName("h1")).getText()).contains("program_application.rejected", "impact");
        WebElement columns = Browser.find(By.cssSelector("div.columns"));
        assertThat(columns.findElement(By.id("schema")).getText()).contains("\"properties\"", "offeringApplicationId");
        assertThat(columns.findElement(By.id("sample")).getText()).contains("\"event\" : \"program_application.rejected\"");
        Browser.screenshot("catalogue-event");
    }

    /** Every signing secret of src/test/resources/application-test.yaml. */
    @SuppressWarnings("unchecked")
    private static List<String> configuredSecrets() throws IOException {
        try (InputStream in = ConsoleSourcesTest.class.getResourceAsStream("/application-test.yaml")) {
            Map<String, Object> yaml = new Yaml().load(in);
            Map<String, Map<String, Object>> sources = (Map<String, Map<String, Object>>)
                    ((Map<String, Object>) yaml.get("hookline")).get("sources");
            List<String> secrets = new ArrayList<>();
            sources.values().forEach(s -> secrets.addAll((List<String>) s.getOrDefault("secrets", List.of())));
            return secrets;
        }
    }
}
