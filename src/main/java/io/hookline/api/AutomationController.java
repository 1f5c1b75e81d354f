package io.hookline.api;

import io.hookline.automation.AutomationProperties;
import io.hookline.automation.Automation;
import io.hookline.automation.AutomationRegistry;
import io.hookline.automation.EventPattern;
import io.hookline.automation.MessageTemplate;
import io.hookline.store.ActionQuery;
import io.hookline.store.ActionStatus;
import io.hookline.store.ActionStore;
import io.hookline.store.QueuedAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the automations are and what they have done: the loaded automations with their counts of
 * actions, and the action work queue across events.
 */
@RestController
public class AutomationController {

    private final AutomationRegistry automations;
    private final ActionStore actions;
    private final boolean dryRunAll;

    public AutomationController(AutomationRegistry automations, ActionStore actions, AutomationProperties properties) {
        this.automations = automations;
        this.actions = actions;
        this.dryRunAll = properties.automations().dryRun();
    }

    /**
     * The automations loaded at start-up, as their files declare them: parameters are shown as
     * written (a {@code {{env.NAME}}} value as that text, never the value it resolves to).
     */
    @GetMapping("/api/automations")
    public Map<String, Object> automations() {
        Map<String, Map<ActionStatus, Long>> counts = actions.countsByAutomation();
        List<Map<String, Object>> all = automations.all().stream()
                .map(a -> automation(a, counts.getOrDefault(a.name(), Map.of()))).toList();
        return Map.of("automations", all);
    }

    /** The action work queue, newest first: {@code status} and {@code automation} filter it. */
    @GetMapping("/api/actions")
    public Map<String, Object> actions(@RequestParam(required = false) String status,
                                       @RequestParam(required = false) String automation,
                                       @RequestParam(defaultValue = "50") int limit,
                                       @RequestParam(defaultValue = "0") int offset) {
        Page page = Page.of(limit, offset);
        ActionStatus wanted = ActionViews.status("status", status);
        List<Map<String, Object>> queue = actions.list(new ActionQuery(wanted, automation, limit, offset)).stream()
                .map(AutomationController::queued).toList();
        return page.body("actions", queue);
    }

    private static Map<String, Object> queued(QueuedAction q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", q.action().eventId());
        m.put("source", q.source());
        m.put("type", q.type());
        m.putAll(ActionViews.action(q.action()));
        return m;
    }

    private Map<String, Object> automation(Automation a, Map<ActionStatus, Long> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("file", a.file());
        m.put("on", a.on().stream().map(EventPattern::text).toList());
        m.put("when", a.whenText());
        m.put("recipe", a.recipe().id());
        if (a.steps().size() == 1) {
            m.put("parameters", parameters(a, a.steps().get(0)));
        } else {
            m.put("steps", a.steps().stream().map(s -> {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("after", s.after().toString());
                step.put("parameters", parameters(a, s));
                return step;
            }).toList());
        }
        if (a.cancel() != null) {
            m.put("cancel", Map.of("on", a.cancel().on().stream().map(EventPattern::text).toList(),
                    "match", a.cancel().match().source()));
        }
        m.put("dryRun", dryRunAll || a.dryRun());
        Map<String, Long> n = new LinkedHashMap<>();
        for (ActionStatus s : ActionStatus.values()) n.put(s.value(), counts.getOrDefault(s, 0L));
        m.put("actions", n);
        return m;
    }

    /** The template texts: {@code {{env.X}}} stays that text; a resolved secret never appears. */
    private static Map<String, String> parameters(Automation a, Automation.Step step) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, MessageTemplate> p : step.with().entrySet()) {
            out.put(p.getKey(), io.hookline.automation.DryRun.mask(p.getValue().source(), a.secrets()));
        }
        return out;
    }
}
