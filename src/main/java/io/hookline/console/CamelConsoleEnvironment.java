package io.hookline.console;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Camel's developer console (Hawtio at {@code /console/camel}, see {@link CamelConsole}) on or
 * off as one switch, {@code hookline.console.camel.enabled} (default off), before any bean reads
 * the keys it implies:
 * <ul>
 * <li>on: Camel's JMX MBeans with {@code Default} statistics (route and processor counters, what the
 * route diagram shows; not {@code Extended}), the {@code hawtio} and {@code jolokia} actuator endpoints
 * added to the exposure list, Hawtio's own authentication off (the console's sign-in guards it)
 * and its connect-to-other-JVMs proxy off;</li>
 * <li>off: no Hawtio, no Jolokia endpoint and no Camel JMX at all (camel-management on the class
 * path would otherwise register every route and processor and count every exchange).</li>
 * </ul>
 * The keys are set with the highest precedence on purpose: Hawtio's own authentication cannot be
 * turned back on by a stray {@code hawtio.authenticationEnabled} (it would ask for a second,
 * container login), nor can Jolokia be exposed while the switch is off.
 */
public class CamelConsoleEnvironment implements EnvironmentPostProcessor {

    public static final String ENABLED = "hookline.console.camel.enabled";
    static final String SOURCE = "hooklineCamelConsole";
    private static final String EXPOSURE = "management.endpoints.web.exposure.include";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean enabled = environment.getProperty(ENABLED, Boolean.class, false);
        Map<String, Object> keys = new LinkedHashMap<>();
        if (enabled) {
            keys.put("camel.main.jmx-enabled", "true");
            // Default = per route and per processor counters (the diagram's numbers); Extended adds
            // more per-exchange bookkeeping, RoutesOnly drops the processors' counters.
            keys.putIfAbsent("camel.main.jmx-management-statistics-level",
                    environment.getProperty("camel.main.jmx-management-statistics-level", "Default"));
            keys.put("hawtio.enabled", "true");
            keys.put("hawtio.authenticationEnabled", "false");
            keys.put("hawtio.disableProxy", "true");
            keys.put("management.endpoint.jolokia.access", "unrestricted");
            Set<String> exposed = new LinkedHashSet<>();
            for (String id : environment.getProperty(EXPOSURE, "health").split(",")) {
                if (!id.isBlank()) exposed.add(id.trim());
            }
            exposed.add("hawtio");
            exposed.add("jolokia");
            keys.put(EXPOSURE, String.join(",", exposed));
        } else {
            keys.put("camel.main.jmx-enabled", "false");
            keys.put("hawtio.enabled", "false");
            keys.put("management.endpoint.hawtio.access", "none");
            keys.put("management.endpoint.jolokia.access", "none");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, keys));
    }
}
