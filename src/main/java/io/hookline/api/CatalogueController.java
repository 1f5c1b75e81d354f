package io.hookline.api;

import io.hookline.inbound.InboundProperties;
import io.hookline.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.catalogue.CatalogueEntry;
import io.hookline.catalogue.EventCatalogue;
import io.hookline.processing.EventPublisher;
import io.hookline.store.AppendResult;
import io.hookline.store.EventIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The event catalogue: every event Hookline knows, with its description, schema and sample. */
@RestController
@RequestMapping("/api/catalogue")
public class CatalogueController {

    private final EventCatalogue catalogue;
    private final ObjectMapper mapper;

    private final EventPublisher publisher;
    private final InboundProperties properties;

    public CatalogueController(EventCatalogue catalogue, ObjectMapper mapper, EventPublisher publisher,
                               InboundProperties properties) {
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.publisher = publisher;
        this.properties = properties;
    }

    /**
     * "Send a test", as Impact's and Webconnex's consoles offer: the catalogue's sample of the
     * event is stored as an event of the source (delivery id test-…, header x-hookline-test) and
     * runs through the routes and automations like a received one.
     */
    @PostMapping("/{source}/{event}/test")
    public ResponseEntity<Map<String, Object>> test(@PathVariable String source, @PathVariable String event)
            throws Exception {
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
        return ResponseEntity.accepted().body(body);
    }

    @GetMapping
    public Map<String, Object> list() {
        List<Map<String, Object>> events = catalogue.all().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", e.provider());
            m.put("event", e.type());
            m.put("description", e.description());
            return m;
        }).toList();
        return Map.of("events", events);
    }

    @GetMapping("/{provider}/{event}")
    public Map<String, Object> get(@PathVariable String provider, @PathVariable String event)
            throws JsonProcessingException {
        CatalogueEntry e = catalogue.find(provider, event).orElseThrow(() -> new Problem(404, "not_found",
                "the catalogue has no event " + event + " for provider " + provider));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", e.provider());
        m.put("event", e.type());
        m.put("description", e.description());
        m.put("schema", e.schemaDocument());
        m.put("sample", mapper.readTree(e.sample()));
        return m;
    }
}
