package io.hookline.startup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What start-up loads besides Hookline's own: {@code hookline.routes-location} and {@code hookline.plugins}.
 * ({@link PluginScan} binds {@code hookline.plugins.scan-packages} itself, before any bean exists; this
 * record declares it, for the metadata.)
 *
 * @param routesLocation Your own Camel YAML routes, loaded after Hookline's (which are in the jar): directories
 *                       (every *.yaml file in them, through symbolic links), files, globs such as
 *                       /etc/hookline/routes/*.camel.yaml, or classpath: patterns. Relative paths are from the
 *                       working directory; a location that does not exist stops start-up.
 * @param plugins        Extensions from jars on the classpath (plugins/): processors and Java recipes outside io.hookline.
 */
@ConfigurationProperties("hookline")
public record StartupProperties(@DefaultValue List<String> routesLocation, @DefaultValue Plugins plugins) {

    public StartupProperties {
        routesLocation = routesLocation == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(routesLocation));
    }

    /**
     * @param scanPackages Packages scanned for Spring components (@Component processors, Java recipes) besides
     *                     io.hookline, e.g. [org.example.hookline]. Classes must be on the classpath (plugins/).
     */
    public record Plugins(@DefaultValue List<String> scanPackages) {
    }
}
