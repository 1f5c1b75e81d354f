package io.hookline.console;

import io.hookline.api.EventController;
import io.hookline.api.EventLog;
import io.hookline.inbound.InboundProperties;
import io.hookline.problem.Problem;
import io.hookline.store.EventQuery;
import io.hookline.store.EventStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Events: the filtered list (keyset pages of {@value #PAGE}), one event's detail, replay. */
@Controller
class EventPages {

    static final int PAGE = 50;

    private final EventLog log;
    private final InboundProperties inbound;
    private final ConsoleFormat format;

    EventPages(EventLog log, InboundProperties inbound, ConsoleFormat format) {
        this.log = log;
        this.inbound = inbound;
        this.format = format;
    }

    /** The list's filters as the form holds them; times are UTC, as every time the console shows. */
    public record Filter(String source, String type, String status, String deliveryId, String from, String to,
                  String automationStatus) {
        EventQuery query(String before) {
            return new EventQuery(blank(source), blank(type), EventController.status(status),
                    actionStatus("automationStatus", automationStatus), blank(deliveryId), time("from", from),
                    time("to", to), blank(before), PAGE + 1, 0);
        }

        /** This filter's list, from {@code before} on (null: the newest). */
        String link(String before) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath("/console/events");
            add(b, "source", source);
            add(b, "type", type);
            add(b, "status", status);
            add(b, "automationStatus", automationStatus);
            add(b, "deliveryId", deliveryId);
            add(b, "from", from);
            add(b, "to", to);
            add(b, "before", before);
            return b.encode().build().toUriString();
        }

        public boolean any() {
            return blank(source) != null || blank(type) != null || blank(status) != null || blank(deliveryId) != null
                    || blank(from) != null || blank(to) != null || blank(automationStatus) != null;
        }

        private static void add(UriComponentsBuilder b, String name, String value) {
            if (blank(value) != null) b.queryParam(name, value);
        }

        /** A datetime-local field (2026-12-03T10:00) read as UTC, or an ISO instant. */
        static Instant time(String name, String value) {
            String v = blank(value);
            if (v == null) return null;
            try {
                return v.endsWith("Z") ? Instant.parse(v) : LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new Problem(400, "bad_request", name + " must be a date and time such as 2026-12-03T10:00 (UTC)");
            }
        }
    }

    @GetMapping("/console/events")
    String list(Filter filter, @RequestParam(required = false) String before, Model model) {
        List<Map<String, Object>> rows = log.list(filter.query(before));
        boolean more = rows.size() > PAGE;
        if (more) rows = rows.subList(0, PAGE);
        model.addAttribute("events", rows);
        model.addAttribute("filter", filter);
        model.addAttribute("sources", inbound.sources().keySet());
        model.addAttribute("statuses", List.of(EventStatus.values()).stream().map(EventStatus::value).toList());
        model.addAttribute("older", more ? filter.link((String) rows.get(rows.size() - 1).get("id")) : null);
        model.addAttribute("newest", blank(before) != null ? filter.link(null) : null);
        model.addAttribute("section", "events");
        return "console/events";
    }

    @GetMapping("/console/events/{id}")
    String detail(@PathVariable String id, Model model) {
        Map<String, Object> event = log.detail(id);
        model.addAttribute("event", event);
        model.addAttribute("payload", format.json(event.get("payload")));
        model.addAttribute("headers", format.json(event.get("headers")));
        model.addAttribute("section", "events");
        return "console/event";
    }

    @PostMapping("/console/events/{id}/replay")
    String replay(@PathVariable String id, @RequestParam(required = false) String automation,
                  RedirectAttributes flash) {
        try {
            Map<String, Object> result = log.replay(id, blank(automation));
            flash.addFlashAttribute("notice", (automation == null ? "Event replayed" : "Automation " + automation
                    + " replayed") + ": " + result.get("actions") + " action(s) to run again.");
        } catch (Problem p) {
            flash.addFlashAttribute("error", p.detail());
        }
        return "redirect:/console/events/" + UriComponentsBuilder.fromPath("{id}").buildAndExpand(id).encode().toUriString();
    }

    /** An action status parameter; null when blank, 400 when unknown. */
    static io.hookline.store.ActionStatus actionStatus(String name, String value) {
        if (blank(value) == null) return null;
        try {
            return io.hookline.store.ActionStatus.of(value.trim());
        } catch (IllegalArgumentException e) {
            throw new Problem(400, "bad_request", name + " is not an action status: " + value);
        }
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
