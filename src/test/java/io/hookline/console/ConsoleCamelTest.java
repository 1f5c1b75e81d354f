package io.hookline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.inbound.InboundReadiness;
import io.hookline.support.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camel's console (Hawtio) at /console/camel: open to a signed-in console session only; its Jolokia
 * calls refused without the session, or from another origin; the Bearer token still reaches
 * /actuator/jolokia. application-test.yaml turns it on (hookline.console.camel.enabled).
 */
class ConsoleCamelTest extends ConsoleTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void signedInTheConsoleShowsHawtioWithHooklinesRoutes() {
        open("/console/camel");
        assertThat(browser.getCurrentUrl()).startsWith(url("/console/camel/"));
        // Hawtio's Camel plugin lists the context's routes once its Jolokia calls have answered.
        open("/console/camel/camel/routes");
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(d -> d.findElement(By.tagName("body")).getText().contains(InboundReadiness.ROUTE_ID));
        } finally {
            Browser.screenshot("camel");
        }
    }

    @Test
    void signedOutHawtioSendsToTheLoginPageAndJolokiaIsRefused() throws Exception {
        signOut();
        open("/console/camel/");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/login"));

        assertThat(get("/console/camel/jolokia/version", null).statusCode()).isEqualTo(401);
        assertThat(jolokiaSearch("/console/camel/jolokia/", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/console/camel/index.html", null).statusCode()).isIn(302, 401);
        // Actuator's own Jolokia and Hawtio endpoints: the Bearer admin token, nothing else.
        assertThat(get("/actuator/jolokia/version", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/hawtio", null).statusCode()).isEqualTo(401);
        HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/version")))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).contains("\"agent\"");
    }

    @Test
    void jolokiaAnswersTheSessionOnlyFromTheConsolesOwnOrigin() throws Exception {
        String session = "HOOKLINE_CONSOLE=" + browser.manage().getCookieNamed("HOOKLINE_CONSOLE").getValue();
        HttpResponse<String> own = jolokiaSearch("/console/camel/jolokia/", session, url(""));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(InboundReadiness.ROUTE_ID);

        assertThat(jolokiaSearch("/console/camel/jolokia/", session, "http://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(URI.create(url("/console/camel/jolokia/version")))
                .header("Cookie", session).header("Sec-Fetch-Site", "same-site").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
    }

    @Test
    void hawtioHasItsOwnPolicyAndHooklinesPagesKeepTheStrictOne() throws Exception {
        String session = "HOOKLINE_CONSOLE=" + browser.manage().getCookieNamed("HOOKLINE_CONSOLE").getValue();
        HttpResponse<String> hawtio = get("/console/camel/", session);
        assertThat(hawtio.statusCode()).isEqualTo(200);
        assertThat(hawtio.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("script-src 'self' 'unsafe-inline'");
        HttpResponse<String> events = get("/console/events", session);
        assertThat(events.headers().allValues("Content-Security-Policy"))
                .containsExactly(ConsoleSecurity.CONTENT_SECURITY_POLICY);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (cookie != null) request.header("Cookie", cookie);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Jolokia search for Camel's routes, as Hawtio's scripts post it. */
    private HttpResponse<String> jolokiaSearch(String path, String cookie, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}"));
        if (cookie != null) request.header("Cookie", cookie);
        if (origin != null) request.header("Origin", origin);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
