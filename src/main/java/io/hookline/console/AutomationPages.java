package io.hookline.console;

import io.hookline.api.Automations;
import io.hookline.problem.Problem;
import io.hookline.store.ActionQuery;
import io.hookline.store.ActionStatus;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Automations: each loaded automation with its recipe, parameters ({@code {{env.…}}} values as
 * that text) and outcomes; the actions in one status (failed by default) with replay; the recipes.
 * {@code ?name=} narrows the page to one automation.
 */
@Controller
class AutomationPages {

    static final int ACTIONS = 100;

    private final Automations automations;

    AutomationPages(Automations automations) {
        this.automations = automations;
    }

    @GetMapping("/console/automations")
    String list(@RequestParam(required = false) String name, @RequestParam(required = false) String status,
                Model model) {
        String only = EventPages.blank(name);
        ActionStatus wanted = EventPages.actionStatus("status", status);
        if (wanted == null) wanted = ActionStatus.FAILED;
        List<Map<String, Object>> all = automations.list().stream()
                .filter(a -> only == null || only.equals(a.get("name"))).toList();
        if (only != null && all.isEmpty()) throw new Problem(404, "not_found", "no automation named " + only + " is configured");
        model.addAttribute("automations", all);
        model.addAttribute("name", only);
        model.addAttribute("status", wanted.value());
        model.addAttribute("statuses", List.of(ActionStatus.values()).stream().map(ActionStatus::value).toList());
        model.addAttribute("actions", automations.actions(new ActionQuery(wanted, only, ACTIONS, 0)));
        model.addAttribute("limit", ACTIONS);
        // One automation's page shows its own recipe only.
        model.addAttribute("recipes", automations.recipes().stream()
                .filter(r -> only == null || all.stream().anyMatch(a -> a.get("recipe").equals(r.get("id")))).toList());
        model.addAttribute("section", "automations");
        return "console/automations";
    }
}
