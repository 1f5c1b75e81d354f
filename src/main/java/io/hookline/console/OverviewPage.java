package io.hookline.console;

import io.hookline.outbound.Webhooks;
import io.hookline.store.ActionStatus;
import io.hookline.store.ActionStore;
import io.hookline.store.Delivery;
import io.hookline.store.DeliveryStore;
import io.hookline.store.EventStatus;
import io.hookline.store.EventStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's first page: how each source is doing, and everything that needs a person. */
@Controller
class OverviewPage {

    private final SourceActivity activity;
    private final EventStore events;
    private final ActionStore actions;
    private final DeliveryStore deliveries;
    private final Webhooks webhooks;

    OverviewPage(SourceActivity activity, EventStore events, ActionStore actions, DeliveryStore deliveries,
                 Webhooks webhooks) {
        this.activity = activity;
        this.events = events;
        this.actions = actions;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        model.addAttribute("overview", activity.lastDay());
        model.addAttribute("failedEvents", events.count(EventStatus.FAILED));
        model.addAttribute("quarantinedEvents", events.count(EventStatus.QUARANTINED));
        model.addAttribute("failedActions", actions.count(ActionStatus.FAILED));
        model.addAttribute("failedDeliveries", deliveries.count(Delivery.FAILED));
        model.addAttribute("disabledWebhooks", webhooks.all().stream().filter(w -> !w.enabled()).count());
        model.addAttribute("section", "overview");
        return "console/overview";
    }
}
