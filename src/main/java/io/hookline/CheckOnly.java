package io.hookline;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code --hookline.check-only} (what {@code bin/hookline check} runs): builds Hookline exactly as
 * a real start does, so every configuration, route, recipe and automation-file check runs, but
 * with no web server and an in-memory database instead of the configured one; then exits 0, or 1
 * with the problems. For the CI pipelines of the people who deploy Hookline.
 */
final class CheckOnly {

    static final String KEY = "hookline.check-only";

    private CheckOnly() {
    }

    static void runOrStart(String[] args) {
        if (!requested(args)) {
            SpringApplication.run(HooklineApplication.class, args);
            return;
        }
        SpringApplication app = new SpringApplication(HooklineApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // Before logging is set up (so that its levels apply) and above every configuration file.
        app.addListeners(new OverridesFirst(new MapPropertySource(
                "hookline-check-only", Map.of(
                        "spring.datasource.url", "jdbc:h2:mem:hookline-check;DB_CLOSE_DELAY=-1",
                        "spring.datasource.username", "sa",
                        "spring.datasource.password", "",
                        // A production file may put the tables in a schema of its own: not in the scratch database.
                        "spring.flyway.schemas", "PUBLIC",
                        "spring.flyway.default-schema", "PUBLIC",
                        "logging.level.root", "WARN",
                        "logging.level.com.zaxxer.hikari", "WARN",
                        "logging.level.org.apache.camel.spring.boot.SpringBootCamelContext", "ERROR",
                        "logging.level.io.hookline.CheckOnly", "INFO"))));
        int status;
        try {
            ConfigurableApplicationContext context = app.run(args);
            var p = context.getBean(io.hookline.inbound.InboundProperties.class);
            org.slf4j.LoggerFactory.getLogger(CheckOnly.class).info(
                    "Configuration OK: {} source(s), {} automation(s), {} route and recipe file(s). Nothing was started.",
                    p.sources().size(),
                    context.getBean(io.hookline.automation.AutomationRegistry.class).all().size(),
                    context.getBean(io.hookline.config.RouteFiles.class).files().size());
            status = SpringApplication.exit(context);
        } catch (RuntimeException failed) {
            // Spring Boot has printed what is wrong (APPLICATION FAILED TO START ...).
            status = 1;
        }
        System.exit(status);
    }

    /** Adds the check's overrides first, as soon as the environment exists. */
    private record OverridesFirst(MapPropertySource overrides)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(overrides);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--" + KEY) || a.equals("--" + KEY + "=true"))
                || Boolean.parseBoolean(System.getProperty(KEY));
    }
}
