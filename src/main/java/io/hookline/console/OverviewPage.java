package io.hookline.console;

import io.hookline.inbound.InboundProperties;
import io.hookline.inbound.RejectionLog;
import io.hookline.outbound.Webhooks;
import io.hookline.store.ActionStatus;
import io.hookline.store.ActionStore;
import io.hookline.store.Delivery;
import io.hookline.store.DeliveryStore;
import io.hookline.store.EventStatus;
import io.hookline.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's first page: how each source is doing, and everything that needs a person. */
@Controller
class OverviewPage {

    private final InboundProperties inbound;
    private final EventStore events;
    private final ActionStore actions;
    private final DeliveryStore deliveries;
    private final Webhooks webhooks;
    private final RejectionLog rejections;
    private final Clock clock;

    OverviewPage(InboundProperties inbound, EventStore events, ActionStore actions, DeliveryStore deliveries,
                 Webhooks webhooks, RejectionLog rejections, Clock clock) {
        this.inbound = inbound;
        this.events = events;
        this.actions = actions;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.rejections = rejections;
        this.clock = clock;
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(Overview.HOURS));
        Map<String, String> configured = new LinkedHashMap<>();
        inbound.sources().forEach((name, source) -> configured.put(name, source.provider().id()));
        model.addAttribute("overview", Overview.of(configured, events.countsSince(since), events.perHourSince(since),
                rejections.lastDay(), now));
        model.addAttribute("failedEvents", events.count(EventStatus.FAILED));
        model.addAttribute("quarantinedEvents", events.count(EventStatus.QUARANTINED));
        model.addAttribute("failedActions", actions.count(ActionStatus.FAILED));
        model.addAttribute("failedDeliveries", deliveries.count(Delivery.FAILED));
        model.addAttribute("disabledWebhooks", webhooks.all().stream().filter(w -> !w.enabled()).count());
        model.addAttribute("section", "overview");
        return "console/overview";
    }
}
