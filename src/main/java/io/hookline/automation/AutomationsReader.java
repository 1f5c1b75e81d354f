package io.hookline.automation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads automation files and checks every automation against what exists: the recipes Camel
 * loaded, the configured sources and the event catalogue. Every mistake is reported with the
 * file, the automation and the key, all at once, so one start-up shows them all.
 */
public final class AutomationsReader {

    private static final Set<String> KEYS = Set.of("name", "on", "when", "recipe", "with", "steps", "cancel", "dry-run");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** ${data.a.b} in a when filter: a path into the event view, read as ${body[data][a][b]}. */
    /** Stands for a value that depends on the event when a recipe's rule is checked at start-up. */
    private static final String PER_EVENT = "(per event)";
    private static final Pattern PATH = Pattern.compile("\\$\\{(event|data|payload)((?:\\.[A-Za-z0-9_-]+)*)}");

    /** What automations may listen to: source name → the event types of its provider (empty: any type). */
    public interface Events {
        boolean hasSource(String source);

        /** Catalogued types of the source's provider; empty when the provider has no catalogue. */
        Collection<String> types(String source);

        Collection<String> sources();
    }

    private final Recipes recipes;
    private final Events events;
    private final CamelContext camel;
    private final Function<String, String> environment;
    private final List<String> problems = new ArrayList<>();
    private final List<Automation> automations = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();

    public AutomationsReader(Recipes recipes, Events events, CamelContext camel, Function<String, String> environment) {
        this.recipes = recipes;
        this.events = events;
        this.camel = camel;
        this.environment = environment;
    }

    /** Reads one file's text; problems accumulate until {@link #result()}. */
    public AutomationsReader read(String file, String text) {
        Object root;
        try {
            root = yaml().load(text);
        } catch (YAMLException e) {
            problems.add(file + ": " + YamlProblem.describe(text, e));
            return this;
        }
        if (root == null) return this;
        if (!(root instanceof Map<?, ?> top) || !(top.get("automations") instanceof List<?> list)) {
            if (!(root instanceof Map<?, ?> m && m.containsKey("automations") && m.get("automations") == null)) {
                problems.add(file + ": expected a top-level key 'automations' holding a list");
            }
            return this;
        }
        for (Object key : top.keySet()) {
            if (!"automations".equals(key)) problems.add(file + ": unknown top-level key '" + key + "' (only 'automations')");
        }
        for (int i = 0; i < list.size(); i++) {
            readAutomation(file, i, list.get(i));
        }
        return this;
    }

    /** YAML whose only booleans are true and false: `on:` is a key here, not YAML 1.1's "yes". */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        Resolver resolver = new Resolver() {
            @Override
            public void addImplicitResolver(org.yaml.snakeyaml.nodes.Tag tag, Pattern regexp, String first, int limit) {
                if (tag.equals(org.yaml.snakeyaml.nodes.Tag.BOOL)) {
                    super.addImplicitResolver(tag, Pattern.compile("^(?:true|false)$"), "tf", limit);
                } else {
                    super.addImplicitResolver(tag, regexp, first, limit);
                }
            }
        };
        return new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), options, resolver);
    }

    /** The automations read, or every mistake found. */
    public List<Automation> result() {
        if (!problems.isEmpty()) throw new AutomationFileException(problems);
        return List.copyOf(automations);
    }

    private void readAutomation(String file, int index, Object item) {
        if (!(item instanceof Map<?, ?> raw)) {
            problems.add(file + ": automations[" + index + "]: expected a map with name, on, recipe and with");
            return;
        }
        Object nameValue = raw.get("name");
        String name = nameValue instanceof String s ? s : null;
        String where = file + ": automation '" + (name == null ? "#" + (index + 1) : name) + "'";
        int before = problems.size();
        for (Object key : raw.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(where + ": unknown key '" + key + "' (allowed: name, on, when, recipe, with, steps, cancel, dry-run)");
            }
        }
        if (name == null) {
            problems.add(where + ": key 'name' is required (lower-case letters, digits and '-')");
        } else if (!NAME.matcher(name).matches()) {
            problems.add(where + ": key 'name': '" + name + "' must be lower-case letters, digits and '-' (at most 63)");
        } else if (!names.add(name)) {
            problems.add(where + ": key 'name': another automation is already called '" + name + "'");
        }
        List<EventPattern> on = patterns(where, "on", raw.get("on"), true);
        Predicate when = null;
        String whenText = null;
        if (raw.get("when") != null) {
            whenText = String.valueOf(raw.get("when"));
            when = predicate(where, whenText);
        }
        Recipe recipe = null;
        if (!(raw.get("recipe") instanceof String recipeId)) {
            problems.add(where + ": key 'recipe' is required; recipes: " + String.join(", ", recipes.all().keySet()));
        } else {
            recipe = recipes.find(recipeId).orElse(null);
            if (recipe == null) {
                problems.add(where + ": key 'recipe': unknown recipe '" + recipeId + "'; recipes: "
                        + String.join(", ", recipes.all().keySet()));
            }
        }
        boolean dryRun = false;
        if (raw.get("dry-run") != null) {
            if (raw.get("dry-run") instanceof Boolean b) dryRun = b;
            else problems.add(where + ": key 'dry-run' must be true or false");
        }
        if (recipe == null) return;

        Set<String> secrets = new LinkedHashSet<>();
        Map<String, Object> base = map(where, "with", raw.get("with"));
        List<Automation.Step> steps = new ArrayList<>();
        if (raw.get("steps") == null) {
            steps.add(new Automation.Step(Duration.ZERO, templates(where, "with", recipe, base, Map.of(), secrets)));
        } else if (!(raw.get("steps") instanceof List<?> stepList) || stepList.isEmpty()) {
            problems.add(where + ": key 'steps' must be a list of {after, with}");
        } else {
            for (int s = 0; s < stepList.size(); s++) {
                String key = "steps[" + s + "]";
                if (!(stepList.get(s) instanceof Map<?, ?> step)) {
                    problems.add(where + ": key '" + key + "' must be a map with 'after' and 'with'");
                    continue;
                }
                for (Object k : step.keySet()) {
                    if (!"after".equals(k) && !"with".equals(k)) problems.add(where + ": key '" + key + "." + k + "' is unknown (after, with)");
                }
                Duration after = duration(where, key + ".after", step.get("after"));
                Map<String, Object> own = map(where, key + ".with", step.get("with"));
                steps.add(new Automation.Step(after, templates(where, key + ".with", recipe, base, own, secrets)));
            }
        }
        Automation.Cancel cancel = cancel(where, raw.get("cancel"));
        if (problems.size() == before) {
            automations.add(new Automation(name, file, on, when, whenText, recipe, List.copyOf(steps), cancel, dryRun,
                    Set.copyOf(secrets)));
        }
    }

    private List<EventPattern> patterns(String where, String key, Object value, boolean required) {
        List<String> texts = new ArrayList<>();
        if (value instanceof String s) texts.add(s);
        else if (value instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(String.class::isInstance)) l.forEach(x -> texts.add((String) x));
        else {
            if (value != null || required) {
                problems.add(where + ": key '" + key + "' is required: an event as <source>/<event type>, or a list of them");
            }
            return List.of();
        }
        List<EventPattern> out = new ArrayList<>();
        for (String text : texts) {
            EventPattern p;
            try {
                p = EventPattern.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": key '" + key + "': " + e.getMessage());
                continue;
            }
            List<String> sources = events.sources().stream().filter(p::matchesSource).toList();
            if (sources.isEmpty()) {
                problems.add(where + ": key '" + key + "': unknown source '" + p.source() + "' in '" + text
                        + "'; sources: " + String.join(", ", events.sources()));
                continue;
            }
            boolean known = sources.stream().anyMatch(src -> {
                Collection<String> types = events.types(src);
                return types.isEmpty() || types.stream().anyMatch(p::matchesType);
            });
            if (!known) {
                List<String> types = sources.stream().flatMap(src -> events.types(src).stream()).distinct().sorted().toList();
                problems.add(where + ": key '" + key + "': unknown event '" + p.type() + "' for source '" + p.source()
                        + "' in '" + text + "'; its events: " + String.join(", ", types));
                continue;
            }
            out.add(p);
        }
        return out;
    }

    private Predicate predicate(String where, String text) {
        Matcher m = PATH.matcher(text);
        StringBuilder simple = new StringBuilder();
        while (m.find()) {
            StringBuilder path = new StringBuilder("${body[" + m.group(1) + "]");
            for (String part : m.group(2).split("\\.")) {
                if (!part.isEmpty()) path.append('[').append(part).append(']');
            }
            m.appendReplacement(simple, Matcher.quoteReplacement(path.append('}').toString()));
        }
        m.appendTail(simple);
        try {
            Predicate p = camel.resolveLanguage("simple").createPredicate(simple.toString());
            p.init(camel);
            return p;
        } catch (RuntimeException e) {
            problems.add(where + ": key 'when': not a valid filter (" + e.getMessage().replace('\n', ' ')
                    + "); write e.g. \"${data.rejectionSource} == 'sponsor'\"");
            return null;
        }
    }

    private Map<String, Object> map(String where, String key, Object value) {
        if (value == null) return Map.of();
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        problems.add(where + ": key '" + key + "' must be a map of recipe parameters");
        return Map.of();
    }

    /** Compiles the recipe's parameters: this step's values over the base values over the recipe's defaults. */
    private Map<String, MessageTemplate> templates(String where, String key, Recipe recipe, Map<String, Object> base,
                                                   Map<String, Object> own, Set<String> secrets) {
        Map<String, Object> values = new LinkedHashMap<>(base);
        values.putAll(own);
        for (String given : values.keySet()) {
            if (!recipe.parameters().containsKey(given)) {
                String origin = own.containsKey(given) ? key : "with";
                problem(where + ": key '" + origin + "." + given + "': recipe '" + recipe.id() + "' has no parameter '"
                        + given + "'; its parameters: " + String.join(", ", recipe.parameters().keySet()));
            }
        }
        Map<String, MessageTemplate> out = new LinkedHashMap<>();
        Map<String, String> known = new LinkedHashMap<>();
        for (Recipe.Parameter p : recipe.parameters().values()) {
            Object value = values.get(p.name());
            String origin = (own.containsKey(p.name()) ? key : "with") + "." + p.name();
            if (value == null) {
                if (p.required()) {
                    // In a series the step that lacks it is named (the value may go there or under 'with').
                    String missing = key + "." + p.name();
                    problems.add(where + ": key '" + missing + "' is required by recipe '" + recipe.id() + "'"
                            + (key.equals("with") ? "" : " (give it in " + key + " or in with)")
                            + (p.description() == null ? "" : ": " + p.description().replaceAll("\\s*\\[(format|type):[^]]*]", "")));
                    continue;
                }
                value = p.defaultValue();
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                problem(where + ": key '" + origin + "' must be text (or a number or true/false), not a "
                        + (value instanceof Map<?, ?> ? "map" : "list"));
                continue;
            }
            try {
                MessageTemplate t = MessageTemplate.compile(String.valueOf(value), p.format(), environment);
                if (t.isConstant()) {
                    // Known now (no event placeholders): check the declared type at start-up, not per event.
                    String problem = p.typeProblem(t.render(Map.of()));
                    if (problem != null) {
                        problem(where + ": key '" + origin + "': " + (problem.startsWith("is") ? "the value " : "") + problem);
                        continue;
                    }
                }
                secrets.addAll(t.secrets());
                out.put(p.name(), t);
                known.put(p.name(), t.isConstant() ? t.render(Map.of()) : PER_EVENT);
            } catch (IllegalArgumentException e) {
                problem(where + ": key '" + origin + "': " + e.getMessage());
            }
        }
        if (recipe.requires() != null && known.size() == recipe.parameters().size() && !recipe.requires().holds(known, camel)) {
            problems.add(where + ": key '" + key + "': recipe '" + recipe.id() + "' " + recipe.requires().message());
        }
        return out;
    }

    /** A problem of a value shared by the steps of a series is said once, not once per step. */
    private void problem(String text) {
        if (!problems.contains(text)) problems.add(text);
    }

    private Duration duration(String where, String key, Object value) {
        if (value == null) return Duration.ZERO;
        try {
            Duration d = value instanceof Number n ? Duration.ofSeconds(n.longValue()) : DurationStyle.detectAndParse(String.valueOf(value));
            if (d.isNegative()) throw new IllegalArgumentException("negative");
            return d;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(where + ": key '" + key + "': '" + value + "' is not a duration such as 0s, 30m, 2d");
            return Duration.ZERO;
        }
    }

    private Automation.Cancel cancel(String where, Object value) {
        if (value == null) return null;
        if (!(value instanceof Map<?, ?> m)) {
            problems.add(where + ": key 'cancel' must be a map with 'on' and 'match'");
            return null;
        }
        for (Object k : m.keySet()) {
            if (!"on".equals(k) && !"match".equals(k)) problems.add(where + ": key 'cancel." + k + "' is unknown (on, match)");
        }
        List<EventPattern> on = patterns(where, "cancel.on", m.get("on"), true);
        if (!(m.get("match") instanceof String match) || match.isBlank()) {
            problems.add(where + ": key 'cancel.match' is required: what ties the events together, e.g. \"{{data.offeringApplicationId}}\"");
            return null;
        }
        try {
            return new Automation.Cancel(on, MessageTemplate.compile(match, TextFormat.TEXT, environment));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": key 'cancel.match': " + e.getMessage());
            return null;
        }
    }
}
