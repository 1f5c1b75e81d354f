package io.hookline.startup;

import io.hookline.config.RouteFiles;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands Camel the YAML files {@link RouteFiles} found (read once, before Camel starts). */
public class RouteLoading implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RouteLoading.class);

    private final RouteFiles files;
    /** Camel's listener may run this more than once (the test support refreshes it again): load once. */
    private final java.util.concurrent.atomic.AtomicBoolean loaded = new java.util.concurrent.atomic.AtomicBoolean();

    public RouteLoading(RouteFiles files) {
        this.files = files;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        if (!loaded.compareAndSet(false, true)) {
            log.debug("Routes already loaded", new Exception("second call"));
            return;
        }
        List<Resource> resources = files.files().stream()
                .map(f -> ResourceHelper.fromBytes(f.location(), f.content()))
                .toList();
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
        } catch (Exception e) {
            throw new IllegalStateException("Could not load the Camel YAML routes: " + e.getMessage(), e);
        }
        long yours = files.files().stream().filter(f -> !f.shipped()).count();
        log.info("Loaded {} route and recipe file(s), {} of them yours{}", resources.size(), yours,
                yours == 0 ? "" : ": " + files.files().stream().filter(f -> !f.shipped())
                        .map(RouteFiles.RouteFile::location).toList());
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }
}
