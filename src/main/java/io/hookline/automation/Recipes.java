package io.hookline.automation;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kamelet.Kamelet;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The recipes Camel loaded: every route template from the recipe files. A recipe is a Kamelet
 * ({@code recipes/*.kamelet.yaml}, loaded by Camel's Kamelet loader as a route template whose id is
 * {@code metadata.name}); Hookline reads what Camel's loader leaves out from the same file: titles,
 * descriptions, {@code format: password}, and its own keys {@code x-hookline-format},
 * {@code x-hookline-type} and {@code x-hookline-requires}. A user's recipe may still be a plain
 * {@code routeTemplate} (the format before Kamelets: markers in descriptions, a {@code requires}
 * parameter, its own {@code from: direct:automation.{{automation}}}).
 *
 * <p>An automation's route is made from its recipe's template, one route per automation
 * ({@code automation.<name>}, from {@code direct:automation.<name>}): for a Kamelet,
 * {@link #automationRoute} puts that endpoint in place of {@code kamelet:source} and names the
 * route configuration {@value RecipeRouteConfiguration#ID} (no error handler, dry runs).
 */
public final class Recipes {

    /** Given to each automation's route from a template: the automation's name. */
    public static final String ENDPOINT_PARAMETER = "automation";
    /** The older routeTemplate format: the rule over its parameters, as a parameter named so. */
    public static final String REQUIRES_PARAMETER = "requires";
    /** Where a Kamelet's template starts; Hookline starts it from direct:automation.<name> instead. */
    public static final String KAMELET_SOURCE = "kamelet:source";

    private final Map<String, Recipe> byId;

    private Recipes(Map<String, Recipe> byId) {
        this.byId = byId;
    }

    /** The recipes of the route templates in Camel, with the Kamelet files' texts for their definitions. */
    public static Recipes of(CamelContext camel, Collection<String> kamelets) {
        Map<String, Map<String, Object>> definitions = new HashMap<>();
        Map<String, String> documentation = new HashMap<>();
        for (String text : kamelets) {
            Map<String, Object> kamelet = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
            Object name = map(kamelet.get("metadata")).get("name");
            if (name != null) {
                definitions.put(String.valueOf(name), map(map(kamelet.get("spec")).get("definition")));
                documentation.put(String.valueOf(name), openingComment(text));
            }
        }
        Map<String, Recipe> all = new TreeMap<>();
        for (RouteTemplateDefinition t : ((ModelCamelContext) camel).getRouteTemplateDefinitions()) {
            Map<String, Object> definition = definitions.get(t.getId());
            all.put(t.getId(), definition != null ? fromKamelet(t.getId(), definition, documentation.get(t.getId()))
                    : fromRouteTemplate(t));
        }
        return new Recipes(all);
    }

    /** The comment lines a file opens with, without their '#'; null when it opens with none. */
    static String openingComment(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.startsWith("#")) break;
            out.append(t.substring(1).strip()).append('\n');
        }
        String doc = out.toString().strip();
        return doc.isEmpty() ? null : doc;
    }

    private static Recipe fromKamelet(String id, Map<String, Object> definition, String documentation) {
        List<?> required = definition.get("required") instanceof List<?> l ? l : List.of();
        Map<String, Recipe.Parameter> params = new LinkedHashMap<>();
        map(definition.get("properties")).forEach((name, value) -> {
            Map<String, Object> p = map(value);
            String type = string(p.get("x-hookline-type"));
            if (type != null && !Recipe.Parameter.TYPES.contains(type)) {
                throw new IllegalArgumentException("recipe '" + id + "', parameter '" + name + "': unknown x-hookline-type '"
                        + type + "' (known: " + String.join(", ", new java.util.TreeSet<>(Recipe.Parameter.TYPES)) + ")");
            }
            params.put(name, new Recipe.Parameter(name, string(p.get("title")), string(p.get("description")),
                    required.contains(name), string(p.get("default")), TextFormat.named(string(p.get("x-hookline-format"))),
                    type, "password".equals(p.get("format"))));
        });
        Map<String, Object> rule = map(definition.get("x-hookline-requires"));
        Recipe.Rule requires = rule.isEmpty() ? null
                : new Recipe.Rule(string(rule.get("expression")), string(rule.get("message")));
        return new Recipe(id, string(definition.get("description")), params, requires, true,
                string(definition.get("title")), documentation);
    }

    private static Recipe fromRouteTemplate(RouteTemplateDefinition t) {
        Map<String, Recipe.Parameter> params = new LinkedHashMap<>();
        Recipe.Rule requires = null;
        if (t.getTemplateParameters() != null) {
            for (RouteTemplateParameterDefinition p : t.getTemplateParameters()) {
                if (ENDPOINT_PARAMETER.equals(p.getName())) continue;
                if (REQUIRES_PARAMETER.equals(p.getName())) {
                    requires = new Recipe.Rule(p.getDefaultValue(), p.getDescription());
                    continue;
                }
                boolean required = p.getDefaultValue() == null && (p.getRequired() == null || p.getRequired());
                params.put(p.getName(), new Recipe.Parameter(p.getName(), null, p.getDescription(), required,
                        p.getDefaultValue(), TextFormat.declaredIn(p.getDescription()),
                        Recipe.Parameter.declaredType(p.getDescription()), false));
            }
        }
        return new Recipe(t.getId(), t.getDescription(), params, requires, false, null, null);
    }

    /**
     * Makes the routes of the Kamelet recipes from their templates the automation way (see
     * {@link #automationRoute}); a {@code kamelet:} endpoint elsewhere still gets Camel's Kamelet route.
     */
    public void useForAutomations(CamelContext camel) {
        for (Recipe r : byId.values()) {
            if (r.kamelet()) ((ModelCamelContext) camel).addRouteTemplateDefinitionConverter(r.id(), Recipes::automationRoute);
        }
    }

    /**
     * The route of one automation from a Kamelet recipe: the Kamelet's steps, from
     * {@code direct:automation.<name>} in place of {@code kamelet:source}, with the route
     * configuration {@value RecipeRouteConfiguration#ID}. Templates are copied, never changed.
     */
    static RouteDefinition automationRoute(RouteTemplateDefinition template, Map<String, Object> parameters) throws Exception {
        Object automation = parameters.get(ENDPOINT_PARAMETER);
        // Not an automation's: a kamelet:<id> endpoint in a route, made as Camel's Kamelet component makes it.
        if (automation == null) return Kamelet.templateToRoute(template, parameters);
        RouteDefinition route = template.asRouteDefinition();
        String from = route.getInput() == null ? null : route.getInput().getEndpointUri();
        if (!KAMELET_SOURCE.equals(from)) {
            throw new IllegalArgumentException("the Kamelet's template must start from " + KAMELET_SOURCE + ", not " + from);
        }
        // asRouteDefinition copied the input (FromDefinition.copy): the template keeps kamelet:source.
        route.getInput().setUri("direct:automation." + automation);
        route.setRouteConfigurationId(RecipeRouteConfiguration.ID);
        return route;
    }

    public Optional<Recipe> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Map<String, Recipe> all() {
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
