package io.hookline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.Browser;
import io.hookline.support.HttpTestSupport;
import io.hookline.support.Peers;
import io.hookline.support.FakeApis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the console's tests: the running application (shared with every HTTP test), a real
 * headless Chromium ({@link Browser}) signed in with the admin token, and helpers to post signed
 * Impact webhooks. Tests find elements by what a person sees or by ids the pages give them.
 */
abstract class ConsoleTestSupport extends HttpTestSupport {

    static final String ADMIN_TOKEN = io.hookline.support.Webhooks.ADMIN_TOKEN;
    static final String IMPACT_SECRET = "test-impact-secret";
    /** Only the recipe and console tests post here; its automations select events by application id prefix. */
    static final String RECIPE_SOURCE = "r-impact";
    static final String RECIPE_SECRET = "recipe-impact-secret";

    final FakeApis apis = Peers.apis();
    WebDriver browser;

    @BeforeEach
    void signedIn() {
        browser = Browser.driver();
        browser.manage().deleteAllCookies();
        signIn(ADMIN_TOKEN);
        assertThat(browser.getCurrentUrl()).as("after signing in").isEqualTo(url("/console"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void open(String path) {
        browser.get(url(path));
    }

    void signIn(String token) {
        open("/console/login");
        Browser.find(By.id("token")).sendKeys(token);
        Browser.find(By.cssSelector("form button[type=submit]")).click();
        // A click does not wait for the navigation it starts: wait until the form page is left.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !url("/console/login").equals(d.getCurrentUrl()));
    }

    /** Presses Sign out and waits until the login page says so. */
    void signOut() {
        Browser.find(By.cssSelector("form.signout button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> url("/console/login?signedOut").equals(d.getCurrentUrl()));
    }

    /** The visible text of the page's main element. */
    String text() {
        return Browser.find(By.tagName("main")).getText();
    }

    /** An Impact program_application.rejected envelope; {@code app} is its offeringApplicationId (null: left out). */
    static String rejected(String app, String reason) {
        String id = app == null ? "" : "\"offeringApplicationId\":" + quote(app) + ",";
        return "{\"event\":\"program_application.rejected\",\"name\":\"Application Rejected\",\"version\":\"1.0\","
                + "\"timestamp\":\"2025-04-28T22:11:00Z\",\"data\":{" + id
                + "\"rejectionSource\":\"sponsor\",\"reason\":" + quote(reason) + "}}";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Posts the body signed to the source as a new delivery; answers the stored event's id. */
    String post(String source, String secret, String body) {
        HttpResponse<String> answer = webhooks.postImpact(source, body, secret, "dlv-" + UUID.randomUUID());
        assertThat(answer.statusCode()).as("POST /webhooks/%s: %s", source, answer.body()).isEqualTo(202);
        try {
            JsonNode json = mapper.readTree(answer.body());
            return json.get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts an event whose rejected-forward action fails at once (the catch hook answers 400, not
     * retried) and waits for that; answers the event's id. A replay of the automation then succeeds.
     */
    String eventWithAFailedForward() {
        String app = unique("app_fwd_");
        apis.failNext(FakeApis.FORWARD_PATH + "/" + app, 1, 400, "{\"error\":\"unknown hook field\"}");
        String id = post(RECIPE_SOURCE, RECIPE_SECRET, rejected(app, "Funding limits reached"));
        await().atMost(Duration.ofSeconds(15)).until(() -> webhooks.event(id).get("automations").toString()
                .contains("\"status\":\"failed\""));
        return id;
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
