package io.hookline.automation;

import io.hookline.inbound.InboundProperties;
import io.hookline.catalogue.CatalogueEntry;
import io.hookline.catalogue.EventCatalogue;
import io.hookline.config.RouteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once Camel has started with the recipes loaded (and before the web server opens its port: see
 * the start-up's ServeWhenReady), reads the automation files, checks them (a mistake stops
 * start-up naming the file, the automation and the key), creates one route per automation from
 * its recipe's template ({@code automation.<name>}, from {@code direct:automation.<name>}: see
 * {@link Recipes#automationRoute}), and starts running actions.
 */
@Component
public class AutomationLoader {

    private static final Logger log = LoggerFactory.getLogger(AutomationLoader.class);
    /** Given to Camel for each parameter: values are rendered per event and reach the route as variables. */
    private static final String PER_EVENT = "(per event: use ${variable.<name>})";

    private static final String INTERNAL = io.hookline.processing.EventPublisher.INTERNAL_SOURCE;
    /** Events recipes publish (source hookline); see docs/catalogue.md. */
    static final List<String> INTERNAL_TYPES = List.of("checkout.session.created", "webhook.disabled");

    private final AutomationProperties properties;
    private final InboundProperties inbound;
    private final EventCatalogue catalogue;
    private final Environment environment;
    private final AutomationRegistry registry;
    private final ActionWorker worker;
    private final RouteFiles files;

    public AutomationLoader(AutomationProperties properties, InboundProperties inbound, EventCatalogue catalogue, Environment environment,
                            AutomationRegistry registry, ActionWorker worker, RouteFiles files) {
        this.files = files;
        this.properties = properties;
        this.inbound = inbound;
        this.catalogue = catalogue;
        this.environment = environment;
        this.registry = registry;
        this.worker = worker;
    }

    /** Reads, checks and starts the automations; a mistake thrown here stops start-up. */
    public void load(CamelContext camel) {
        Recipes recipes = Recipes.of(camel, files.kamelets());
        recipes.useForAutomations(camel);
        AutomationsReader reader = new AutomationsReader(recipes, events(), camel, environment::getProperty);
        List<String> missing = new ArrayList<>();
        for (String file : properties.automations().files()) {
            if (file == null || file.isBlank()) continue;
            try {
                String text = read(file);
                if (text == null) {
                    missing.add(file + ": file not found (hookline.automations.files; relative paths are from the working directory "
                            + Path.of("").toAbsolutePath() + ")");
                    continue;
                }
                reader.read(file, text);
            } catch (IOException e) {
                missing.add(file + ": cannot be read: " + e.getMessage());
            }
        }
        if (!missing.isEmpty()) throw new AutomationFileException(missing);
        List<Automation> automations = reader.result();
        for (Automation a : automations) {
            try {
                TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(camel, a.recipe().id())
                        .routeId("automation." + a.name())
                        .parameter(Recipes.ENDPOINT_PARAMETER, a.name());
                a.recipe().parameters().keySet().forEach(p -> route.parameter(p, PER_EVENT));
                route.add();
            } catch (RuntimeException e) {
                throw new AutomationFileException(List.of(a.file() + ": automation '" + a.name()
                        + "': recipe '" + a.recipe().id() + "' could not be started: " + e.getMessage()));
            }
        }
        registry.set(automations, recipes);
        log.info("{} automation(s) loaded{}{}", automations.size(),
                automations.isEmpty() ? "" : ": " + automations.stream().map(a -> a.name() + " (" + a.recipe().id() + ")")
                        .collect(Collectors.joining(", ")),
                properties.automations().dryRun() ? " — DRY RUN: actions are printed, not sent" : "");
        worker.begin();
    }

    /** A file on disk (through symbolic links), or {@code classpath:...} (the demo's); null when there is none. */
    private static String read(String file) throws IOException {
        if (file.startsWith("classpath:")) {
            try (java.io.InputStream in = AutomationLoader.class.getClassLoader()
                    .getResourceAsStream(file.substring("classpath:".length()).replaceFirst("^/", ""))) {
                return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        // (Spring's FileSystemResourceLoader would read "/etc/x.yaml" relative to the working directory.)
        Path path = Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file);
        return Files.exists(path) ? Files.readString(path) : null;
    }

    /** Automations may listen to the configured sources, for the events of their provider's catalogue. */
    private AutomationsReader.Events events() {
        Map<String, InboundProperties.Source> sources = inbound.sources();
        return new AutomationsReader.Events() {
            @Override
            public boolean hasSource(String source) {
                return sources.containsKey(source) || INTERNAL.equals(source);
            }

            @Override
            public Collection<String> types(String source) {
                if (INTERNAL.equals(source)) return INTERNAL_TYPES;
                String provider = sources.get(source).provider().id();
                return catalogue.all().stream().filter(e -> e.provider().equals(provider)).map(CatalogueEntry::type).toList();
            }

            @Override
            public Collection<String> sources() {
                List<String> all = new ArrayList<>(sources.keySet());
                all.add(INTERNAL);
                return all;
            }
        };
    }
}
