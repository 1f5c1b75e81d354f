package io.hookline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.catalogue.CatalogueEntry;
import io.hookline.catalogue.EventCatalogue;
import io.hookline.inbound.InboundProperties;
import io.hookline.problem.Problem;
import io.hookline.processing.EventPublisher;
import io.hookline.store.AppendResult;
import io.hookline.store.EventIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The event catalogue as people see it, through the admin API and the console alike: the events
 * with their descriptions, one event's schema and sample, and "send a test" of one to a source.
 * Errors are {@link Problem}s.
 */
@Service
public class Catalogue {

    private final EventCatalogue catalogue;
    private final ObjectMapper mapper;
    private final EventPublisher publisher;
    private final InboundProperties properties;

    public Catalogue(EventCatalogue catalogue, ObjectMapper mapper, EventPublisher publisher, InboundProperties properties) {
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.publisher = publisher;
        this.properties = properties;
    }

    /** Every event, by provider then type: {@code provider}, {@code event}, {@code description}. */
    public List<Map<String, Object>> list() {
        return catalogue.all().stream().map(Catalogue::summary).toList();
    }

    /** The events of one provider, as {@link #list}. */
    public List<Map<String, Object>> list(String provider) {
        return catalogue.all().stream().filter(e -> e.provider().equals(provider)).map(Catalogue::summary).toList();
    }

    /** One event with its {@code schema} and {@code sample} (JSON); 404 when the catalogue has none. */
    public Map<String, Object> entry(String provider, String event) {
        CatalogueEntry e = catalogue.find(provider, event).orElseThrow(() -> new Problem(404, "not_found",
                "the catalogue has no event " + event + " for provider " + provider));
        Map<String, Object> m = summary(e);
        m.put("schema", e.schemaDocument());
        try {
            m.put("sample", mapper.readTree(e.sample()));
        } catch (JsonProcessingException invalid) {
            throw new IllegalStateException("catalogue/" + provider + "/" + event + ".sample.json is not JSON", invalid);
        }
        return m;
    }

    /**
     * "Send a test", as Impact's and Webconnex's consoles offer: the catalogue's sample of the
     * event is stored as an event of the source (delivery id test-…, header x-hookline-test) and
     * runs through the routes and automations like a received one. Answers {@code id},
     * {@code source}, {@code type}, {@code test}.
     */
    public Map<String, Object> sendTest(String source, String event) throws Exception {
        InboundProperties.Source s = properties.sources().get(source);
        if (s == null) throw new Problem(404, "not_found", "no source named " + source + " is configured");
        String provider = s.provider().id();
        CatalogueEntry e = catalogue.find(provider, event).orElseThrow(() -> new Problem(404, "not_found",
                "the catalogue has no event " + event + " for provider " + provider + " (source " + source + ")"));
        AppendResult stored = publisher.publish(source, provider, event, "test-" + EventIds.next(),
                mapper.readTree(e.sample()), "{\"x-hookline-test\":\"true\"}");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.id());
        body.put("source", source);
        body.put("type", event);
        body.put("test", true);
        return body;
    }

    private static Map<String, Object> summary(CatalogueEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", e.provider());
        m.put("event", e.type());
        m.put("description", e.description());
        return m;
    }
}
