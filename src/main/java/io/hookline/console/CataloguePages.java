package io.hookline.console;

import io.hookline.api.Catalogue;
import io.hookline.inbound.InboundProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The event catalogue: providers and their events; one event's schema and sample side by side. */
@Controller
class CataloguePages {

    private final Catalogue catalogue;
    private final InboundProperties inbound;

    CataloguePages(Catalogue catalogue, InboundProperties inbound) {
        this.catalogue = catalogue;
        this.inbound = inbound;
    }

    @GetMapping("/console/catalogue")
    String list(Model model) {
        Map<Object, List<Map<String, Object>>> byProvider = catalogue.list().stream()
                .collect(Collectors.groupingBy(e -> e.get("provider"), LinkedHashMap::new, Collectors.toList()));
        model.addAttribute("providers", byProvider);
        model.addAttribute("section", "catalogue");
        return "console/catalogue";
    }

    @GetMapping("/console/catalogue/{provider}/{event}")
    String event(@PathVariable String provider, @PathVariable String event, Model model) {
        model.addAttribute("entry", catalogue.entry(provider, event));
        model.addAttribute("sources", sourcesOf(provider));
        model.addAttribute("section", "catalogue");
        return "console/catalogue-event";
    }

    /** The configured sources of a provider: where a test of its events can be sent. */
    private List<String> sourcesOf(String provider) {
        return inbound.sources().entrySet().stream().filter(s -> s.getValue().provider().id().equals(provider))
                .map(Map.Entry::getKey).toList();
    }
}
