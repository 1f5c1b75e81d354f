package io.hookline.startup;

import io.hookline.inbound.InboundProperties;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** What the operator should know once Hookline serves: the demo is on, or nothing is configured to receive. */
@Component
public class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final InboundProperties properties;
    private final Environment environment;

    public StartupReport(InboundProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        if (Arrays.asList(environment.getActiveProfiles()).contains("demo")) {
            log.warn("""

                    ************************************************************************************
                    *  DEMO MODE (profile demo): sources with PUBLIC secrets accept webhooks, the admin *
                    *  token is demo-admin-token, and events are sent to a loopback webhook.            *
                    *  Never expose this instance. Run without --spring.profiles.active=demo and with   *
                    *  your own configuration for real use (docs/deploy.md).                            *
                    ************************************************************************************""");
        }
        if (properties.sources().isEmpty()) {
            log.warn("No webhook sources are configured: every POST /webhooks/... is answered 404 unknown_source. "
                    + "Add one under hookline.sources, e.g. hookline.sources.impact.provider=impact and "
                    + "hookline.sources.impact.secrets[0]=${IMPACT_SIGNING_SECRET} (conf/hookline.yaml; docs/deploy.md).");
        } else {
            log.info("Receiving webhooks for {} source(s): {}", properties.sources().size(),
                    String.join(", ", properties.sources().keySet()));
        }
    }
}
