package io.hookline.console;

import io.hookline.api.Catalogue;
import io.hookline.inbound.InboundProperties;
import io.hookline.inbound.InboundSource;
import io.hookline.inbound.InboundSources;
import io.hookline.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sources: each configured sender with the URL to give its provider, how its requests are
 * verified (never a secret), its last day, and "send a test" of its provider's catalogue events.
 */
@Controller
class SourcePages {

    /** One source as the page shows it; {@code activity} is its last day (as on the overview). */
    public record SourceView(String name, String provider, String url, String scheme, String deliveryIdHeader,
                             Overview.SourceRow activity, List<Map<String, Object>> events) {
    }

    private final InboundProperties inbound;
    private final InboundSources sources;
    private final SourceActivity activity;
    private final Catalogue catalogue;

    SourcePages(InboundProperties inbound, InboundSources sources, SourceActivity activity, Catalogue catalogue) {
        this.inbound = inbound;
        this.sources = sources;
        this.activity = activity;
        this.catalogue = catalogue;
    }

    @GetMapping("/console/sources")
    String list(Model model) {
        Map<String, Overview.SourceRow> rows = activity.lastDay().sources().stream()
                .collect(Collectors.toMap(Overview.SourceRow::name, Function.identity()));
        List<SourceView> views = new ArrayList<>();
        inbound.sources().forEach((name, config) -> {
            InboundSource source = sources.find(name).orElseThrow();
            String provider = source.provider().id();
            // The request's own scheme, host and port: X-Forwarded-* too when server.forward-headers-strategy is set.
            String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/webhooks/{name}")
                    .buildAndExpand(name).encode().toUriString();
            views.add(new SourceView(name, provider, url, source.provider().scheme(config.settings()),
                    source.deliveryIdHeader(), rows.get(name), catalogue.list(provider)));
        });
        model.addAttribute("sources", views);
        model.addAttribute("section", "sources");
        return "console/sources";
    }

    /** What {@code POST /api/catalogue/{source}/{event}/test} does; then the new event's page. */
    @PostMapping("/console/sources/test")
    String sendTest(@RequestParam String source, @RequestParam String event, RedirectAttributes flash) throws Exception {
        try {
            Map<String, Object> sent = catalogue.sendTest(source, event);
            flash.addFlashAttribute("notice", "Test " + event + " sent to " + source
                    + ": it runs through the routes and automations like a received event.");
            return "redirect:/console/events/" + UriComponentsBuilder.fromPath("{id}")
                    .buildAndExpand(sent.get("id")).encode().toUriString();
        } catch (Problem p) {
            flash.addFlashAttribute("error", p.detail());
            return "redirect:/console/sources";
        }
    }
}
