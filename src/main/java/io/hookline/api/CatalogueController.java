package io.hookline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.catalogue.CatalogueEntry;
import io.hookline.catalogue.EventCatalogue;
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

    public CatalogueController(EventCatalogue catalogue, ObjectMapper mapper) {
        this.catalogue = catalogue;
        this.mapper = mapper;
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
        CatalogueEntry e = catalogue.find(provider, event).orElseThrow(() -> new ApiException(404, "not_found",
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
