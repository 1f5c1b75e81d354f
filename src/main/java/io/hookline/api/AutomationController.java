package io.hookline.api;

import io.hookline.store.ActionQuery;
import io.hookline.store.ActionStatus;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the automations are and what they have done: the loaded automations with their counts of
 * actions, and the action work queue across events (see {@link Automations}).
 */
@RestController
public class AutomationController {

    private final Automations automations;

    public AutomationController(Automations automations) {
        this.automations = automations;
    }

    /**
     * The automations loaded at start-up, as their files declare them: parameters are shown as
     * written (a {@code {{env.NAME}}} value as that text, never the value it resolves to).
     */
    @GetMapping("/api/automations")
    public Map<String, Object> automations() {
        return Map.of("automations", automations.list());
    }

    /** The action work queue, newest first: {@code status} and {@code automation} filter it. */
    @GetMapping("/api/actions")
    public Map<String, Object> actions(@RequestParam(required = false) String status,
                                       @RequestParam(required = false) String automation,
                                       @RequestParam(defaultValue = "50") int limit,
                                       @RequestParam(defaultValue = "0") int offset) {
        Page page = Page.of(limit, offset);
        ActionStatus wanted = ActionViews.status("status", status);
        List<Map<String, Object>> queue = automations.actions(new ActionQuery(wanted, automation, limit, offset));
        return page.body("actions", queue);
    }
}
