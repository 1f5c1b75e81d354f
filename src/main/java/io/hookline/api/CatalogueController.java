package io.hookline.api;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The event catalogue over HTTP: every event Hookline knows, with its description, schema and sample (see {@link Catalogue}). */
@RestController
@RequestMapping("/api/catalogue")
public class CatalogueController {

    private final Catalogue catalogue;

    public CatalogueController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** See {@link Catalogue#sendTest}. */
    @PostMapping("/{source}/{event}/test")
    public ResponseEntity<Map<String, Object>> test(@PathVariable String source, @PathVariable String event)
            throws Exception {
        return ResponseEntity.accepted().body(catalogue.sendTest(source, event));
    }

    @GetMapping
    public Map<String, Object> list() {
        return Map.of("events", catalogue.list());
    }

    @GetMapping("/{provider}/{event}")
    public Map<String, Object> get(@PathVariable String provider, @PathVariable String event) {
        return catalogue.entry(provider, event);
    }
}
