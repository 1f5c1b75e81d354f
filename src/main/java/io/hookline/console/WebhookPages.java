package io.hookline.console;

import static io.hookline.console.EventPages.blank;

import io.hookline.api.DeliveryLog;
import io.hookline.api.WebhookAdmin;
import io.hookline.catalogue.CatalogueEntry;
import io.hookline.catalogue.EventCatalogue;
import io.hookline.outbound.DeliverySigner;
import io.hookline.outbound.Webhooks;
import io.hookline.problem.Problem;
import io.hookline.store.Delivery;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhooks (outbound): the list (or every failed delivery), creating one (its secret shown once on
 * the next page), one webhook with its delivery log (pages of {@value #PAGE}) and what can be done
 * to it, one delivery with every attempt, re-sending. Reads and acts through {@link WebhookAdmin}
 * and {@link DeliveryLog}, as the JSON API does.
 */
@Controller
class WebhookPages {

    static final int PAGE = 50;
    /** A datetime-local field's value, read back as UTC by {@link EventPages.Filter#time}. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    private final WebhookAdmin admin;
    private final DeliveryLog log;
    private final EventCatalogue catalogue;
    private final ConsoleFormat format;
    private final Clock clock;

    WebhookPages(WebhookAdmin admin, DeliveryLog log, EventCatalogue catalogue, ConsoleFormat format, Clock clock) {
        this.admin = admin;
        this.log = log;
        this.catalogue = catalogue;
        this.format = format;
        this.clock = clock;
    }

    /** The create form as it was posted: kept when the service refuses it. */
    public record NewWebhook(String nickname, String url, List<String> events, String otherEvents, String signature)
            implements Serializable {
        static final NewWebhook EMPTY = new NewWebhook(null, null, List.of(), null, DeliverySigner.IMPACT);

        /** The chosen events and the names typed in (comma or space separated); null when there is none. */
        List<String> eventNames() {
            Set<String> names = new LinkedHashSet<>(events == null ? List.of() : events);
            if (otherEvents != null) {
                for (String name : otherEvents.split("[,\\s]+")) {
                    if (!name.isBlank()) names.add(name.trim());
                }
            }
            return names.isEmpty() ? null : new ArrayList<>(names);
        }

        public boolean chosen(String event) {
            return events != null && events.contains(event);
        }
    }

    @GetMapping("/console/webhooks")
    String list(@RequestParam(required = false) String enabled, @RequestParam(required = false) String deliveries,
                @RequestParam(defaultValue = "0") int offset, Model model) {
        model.addAttribute("section", "webhooks");
        model.addAttribute("enabled", blank(enabled));
        model.addAttribute("since", dayAgo());
        if (Delivery.FAILED.equals(deliveries)) {
            model.addAttribute("failed", page(model, null, Delivery.FAILED, offset));
            model.addAttribute("nicknames", nicknames());
            return "console/webhooks";
        }
        List<Map<String, Object>> webhooks = admin.list();
        if (blank(enabled) != null) {
            boolean wanted = Boolean.parseBoolean(enabled.trim());
            webhooks = webhooks.stream().filter(w -> wanted == (Boolean) w.get("enabled")).toList();
        }
        model.addAttribute("webhooks", webhooks);
        return "console/webhooks";
    }

    @GetMapping("/console/webhooks/new")
    String form(Model model) {
        if (!model.containsAttribute("form")) model.addAttribute("form", NewWebhook.EMPTY);
        model.addAttribute("catalogue", catalogueByProvider());
        model.addAttribute("signatures", List.of(DeliverySigner.IMPACT, DeliverySigner.STANDARD_WEBHOOKS));
        model.addAttribute("section", "webhooks");
        return "console/webhook-new";
    }

    @PostMapping("/console/webhooks")
    String create(NewWebhook form, RedirectAttributes flash) {
        Map<String, Object> created;
        try {
            created = admin.create(new Webhooks.Change(blank(form.nickname()), blank(form.url()), form.eventNames(), true,
                    blank(form.signature()), true));
        } catch (Problem p) {
            flash.addFlashAttribute("error", p.detail());
            flash.addFlashAttribute("form", form);
            return "redirect:/console/webhooks/new";
        }
        flash.addFlashAttribute("notice", "Webhook created.");
        flash.addFlashAttribute("secret", created.get("secret"));
        flash.addAttribute("id", created.get("id"));
        return "redirect:/console/webhooks/{id}";
    }

    @GetMapping("/console/webhooks/{id}")
    String webhook(@PathVariable String id, @RequestParam(required = false) String status,
                   @RequestParam(defaultValue = "0") int offset, Model model) {
        model.addAttribute("webhook", admin.get(id));
        model.addAttribute("status", blank(status));
        model.addAttribute("deliveries", page(model, id, blank(status), offset));
        model.addAttribute("since", dayAgo());
        model.addAttribute("section", "webhooks");
        return "console/webhook";
    }

    @PostMapping("/console/webhooks/{id}/enabled")
    String enable(@PathVariable String id, @RequestParam boolean enabled, RedirectAttributes flash) {
        act(flash, () -> {
            admin.update(id, new Webhooks.Change(null, null, null, enabled, null, false));
            flash.addFlashAttribute("notice", enabled ? "Webhook enabled: it receives new events again "
                    + "(what failed meanwhile is not re-sent by itself)." : "Webhook disabled: its pending deliveries stopped.");
        });
        return "redirect:/console/webhooks/{id}";
    }

    @PostMapping("/console/webhooks/{id}/rotate")
    String rotate(@PathVariable String id, @RequestParam(required = false) String grace, RedirectAttributes flash) {
        act(flash, () -> {
            Map<String, Object> rotated = admin.rotate(id, blank(grace));
            Object until = rotated.get("previousSecretValidUntil");
            flash.addFlashAttribute("notice", "Secret rotated. " + (until == null ? "The previous secret no longer signs."
                    : "The previous secret signs too until " + format.time(until) + " UTC: update the receiver before then."));
            flash.addFlashAttribute("secret", rotated.get("secret"));
        });
        return "redirect:/console/webhooks/{id}";
    }

    @PostMapping("/console/webhooks/{id}/test")
    String test(@PathVariable String id, RedirectAttributes flash) {
        act(flash, () -> {
            Map<String, Object> sent = admin.test(id);
            flash.addFlashAttribute("notice", "Test sent: " + sent.get("event") + " as delivery " + sent.get("deliveryId") + ".");
        });
        return "redirect:/console/webhooks/{id}";
    }

    @PostMapping("/console/webhooks/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes flash) {
        try {
            admin.delete(id);
        } catch (Problem p) {
            flash.addFlashAttribute("error", p.detail());
            return "redirect:/console/webhooks/{id}";
        }
        flash.addFlashAttribute("notice", "Webhook deleted; its pending deliveries stopped (its delivery log stays).");
        return "redirect:/console/webhooks";
    }

    @GetMapping("/console/deliveries/{id}")
    String delivery(@PathVariable String id, Model model) {
        Map<String, Object> delivery = log.detail(id);
        model.addAttribute("delivery", delivery);
        model.addAttribute("webhook", webhookOrNull((String) delivery.get("webhookId")));
        model.addAttribute("section", "webhooks");
        return "console/delivery";
    }

    @PostMapping("/console/deliveries/{id}/resend")
    String resend(@PathVariable String id, RedirectAttributes flash) {
        act(flash, () -> {
            log.resend(id);
            flash.addFlashAttribute("notice", "Delivery re-sent with the same delivery id, from a fresh attempt budget.");
        });
        return "redirect:/console/deliveries/{id}";
    }

    /** Every failed delivery created since then, of one webhook or of all. */
    @PostMapping("/console/deliveries/resend")
    String resendFailed(@RequestParam(required = false) String since, @RequestParam(required = false) String webhookId,
                        RedirectAttributes flash) {
        String webhook = blank(webhookId);
        act(flash, () -> {
            if (blank(since) == null) throw new Problem(400, "bad_request", "since is required");
            int n = log.resendFailed(EventPages.Filter.time("since", since), webhook);
            flash.addFlashAttribute("notice", n + " failed deliver" + (n == 1 ? "y" : "ies") + " re-sent.");
        });
        if (webhook == null) return "redirect:/console/webhooks?deliveries=failed";
        flash.addAttribute("id", webhook);
        return "redirect:/console/webhooks/{id}";
    }

    /** The bulk re-send form's default: a day ago, as a datetime-local value (UTC). */
    private String dayAgo() {
        return LOCAL.format(clock.instant().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES));
    }

    /** Runs a change; a refusal becomes the next page's error. */
    private static void act(RedirectAttributes flash, Runnable action) {
        try {
            action.run();
        } catch (Problem p) {
            flash.addFlashAttribute("error", p.detail());
        }
    }

    /** One page of deliveries; sets {@code older} and {@code newer} offsets when there are such pages. */
    private List<Map<String, Object>> page(Model model, String webhookId, String status, int offset) {
        int from = Math.max(0, offset);
        List<Map<String, Object>> rows = log.list(webhookId, status, PAGE + 1, from);
        boolean more = rows.size() > PAGE;
        model.addAttribute("older", more ? from + PAGE : null);
        model.addAttribute("newer", from > 0 ? Math.max(0, from - PAGE) : null);
        return more ? rows.subList(0, PAGE) : rows;
    }

    private Map<String, Object> webhookOrNull(String id) {
        try {
            return admin.get(id);
        } catch (Problem p) {
            if (p.status() == 404) return null;
            throw p;
        }
    }

    private Map<String, String> nicknames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Map<String, Object> w : admin.list()) {
            names.put((String) w.get("id"), w.get("nickname") == null ? (String) w.get("url") : (String) w.get("nickname"));
        }
        return names;
    }

    /** The catalogue's event names by provider, for the create form. */
    private Map<String, Set<String>> catalogueByProvider() {
        Map<String, Set<String>> byProvider = new TreeMap<>();
        for (CatalogueEntry e : catalogue.all()) byProvider.computeIfAbsent(e.provider(), p -> new TreeSet<>()).add(e.type());
        return byProvider;
    }
}
