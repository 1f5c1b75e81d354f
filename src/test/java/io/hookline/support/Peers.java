package io.hookline.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The partners the recipes talk to, started once per test JVM before the (shared) application
 * context: a GreenMail SMTP server and {@link FakeApis}. Their addresses and the tokens they
 * accept become properties that src/test/resources/automations-test.yaml reads with
 * {@code {{env.NAME}}}, and {@code hookline.mail.host/port}. Part of {@link HooklineTest}, so
 * every test class keeps one and the same context configuration.
 */
public final class Peers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static GreenMail mail;
    private static FakeApis apis;

    /** Starts the peers (once) and adds their properties ahead of every other source. */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("hookline-test-peers", properties()));
        // camel-test turns Camel's JMX off for every context it starts; Camel's console
        // (ConsoleCamelTest, hookline.console.camel.enabled in application-test.yaml) reads the routes' MBeans.
        org.apache.camel.impl.DefaultCamelContext.setDisableJmx(false);
    }

    public static synchronized GreenMail mail() {
        if (mail == null) {
            GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            g.start();
            mail = g;
            Runtime.getRuntime().addShutdownHook(new Thread(g::stop, "greenmail-stop"));
        }
        return mail;
    }

    public static synchronized FakeApis apis() {
        if (apis == null) {
            try {
                FakeApis a = FakeApis.start();
                apis = a;
                Runtime.getRuntime().addShutdownHook(new Thread(a::close, "fake-apis-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the fake partner APIs", e);
            }
        }
        return apis;
    }

    static Map<String, Object> properties() {
        String base = apis().baseUrl();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hookline.mail.host", "127.0.0.1");
        p.put("hookline.mail.port", mail().getSmtp().getPort());
        p.put("HUBSPOT_API_URL", base + "/hubspot");
        p.put("HUBSPOT_TOKEN", FakeApis.HUBSPOT_TOKEN);
        p.put("SLACK_WEBHOOK_URL", base + FakeApis.SLACK_WEBHOOK_PATH);
        p.put("SLACK_API_URL", base + "/slack/api");
        p.put("SLACK_BOT_TOKEN", FakeApis.SLACK_BOT_TOKEN);
        p.put("STRIPE_API_URL", base + "/stripe");
        p.put("STRIPE_SECRET_KEY", FakeApis.STRIPE_SECRET_KEY);
        p.put("FORWARD_URL", base + FakeApis.FORWARD_PATH);
        p.put("FORWARD_SECRET", FakeApis.FORWARD_SECRET);
        return p;
    }
}
