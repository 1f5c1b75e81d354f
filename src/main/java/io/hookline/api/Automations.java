package io.hookline.api;

import io.hookline.automation.Automation;
import io.hookline.automation.AutomationProperties;
import io.hookline.automation.AutomationRegistry;
import io.hookline.automation.DryRun;
import io.hookline.automation.EventPattern;
import io.hookline.automation.MessageTemplate;
import io.hookline.automation.Recipe;
import io.hookline.store.ActionQuery;
import io.hookline.store.ActionStatus;
import io.hookline.store.ActionStore;
import io.hookline.store.QueuedAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The automations as people see them, through the admin API and the console alike: the loaded
 * automations with their counts of actions, the action work queue, and the recipes. Parameters
 * are shown as written (a {@code {{env.NAME}}} value as that text, never the value it resolves to).
 */
@Service
public class Automations {

    private final AutomationRegistry automations;
    private final ActionStore actions;
    private final boolean dryRunAll;

    public Automations(AutomationRegistry automations, ActionStore actions, AutomationProperties properties) {
        this.automations = automations;
        this.actions = actions;
        this.dryRunAll = properties.automations().dryRun();
    }

    /**
     * The automations loaded at start-up, in file order: {@code name}, {@code file}, {@code on},
     * {@code when}, {@code recipe}, {@code parameters} (or {@code steps}), {@code cancel},
     * {@code dryRun} and {@code actions} (how many in each status).
     */
    public List<Map<String, Object>> list() {
        Map<String, Map<ActionStatus, Long>> counts = actions.countsByAutomation();
        return automations.all().stream().map(a -> automation(a, counts.getOrDefault(a.name(), Map.of()))).toList();
    }

    /** The action work queue, newest first: each action with its event's id, source and type. */
    public List<Map<String, Object>> actions(ActionQuery query) {
        return actions.list(query).stream().map(Automations::queued).toList();
    }

    /**
     * The recipes, by id: {@code id}, {@code title}, {@code description}, {@code documentation}
     * and {@code parameters} (each {@code name}, {@code title}, {@code description},
     * {@code required}, {@code default}, {@code type}, {@code secret}).
     */
    public List<Map<String, Object>> recipes() {
        return automations.recipes().values().stream().map(Automations::recipe).toList();
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

    /** A value made only of {{env.NAME}} references: safe to show as written. */
    private static final java.util.regex.Pattern ENV_ONLY =
            java.util.regex.Pattern.compile("(\\s*\\{\\{\\s*env\\.[A-Za-z0-9_]+\\s*}}\\s*)+");

    /**
     * The template texts: {@code {{env.X}}} stays that text; a resolved secret never appears, and
     * a secret parameter (JSON Schema {@code format: password}) written as a literal shows as ****.
     */
    private static Map<String, String> parameters(Automation a, Automation.Step step) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, MessageTemplate> p : step.with().entrySet()) {
            Recipe.Parameter declared = a.recipe().parameters().get(p.getKey());
            String source = p.getValue().source();
            boolean literalSecret = declared != null && declared.secret() && !source.isBlank()
                    && !ENV_ONLY.matcher(source).matches();
            out.put(p.getKey(), literalSecret ? "****" : DryRun.mask(source, a.secrets()));
        }
        return out;
    }

    private static Map<String, Object> recipe(Recipe r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("title", r.title());
        m.put("description", r.description());
        m.put("documentation", r.documentation());
        m.put("requires", r.requires() == null ? null : r.requires().message());
        m.put("parameters", r.parameters().values().stream().map(p -> {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("name", p.name());
            param.put("title", p.title());
            param.put("description", p.description());
            param.put("required", p.required());
            param.put("default", p.defaultValue());
            param.put("type", p.type());
            param.put("secret", p.secret());
            return param;
        }).toList());
        return m;
    }
}
