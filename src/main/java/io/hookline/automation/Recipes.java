package io.hookline.automation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;

/**
 * The recipes Camel loaded (every route template from the recipe files). Parameter
 * {@value #ENDPOINT_PARAMETER} is Hookline's: it names the automation, so that each templated
 * route starts {@code from: direct:automation.{{automation}}}.
 */
public final class Recipes {

    public static final String ENDPOINT_PARAMETER = "automation";
    /** A recipe's rule over its parameters (see {@link Recipe.Rule}); not a parameter automations give. */
    public static final String REQUIRES_PARAMETER = "requires";

    private final Map<String, Recipe> byId;

    private Recipes(Map<String, Recipe> byId) {
        this.byId = byId;
    }

    public static Recipes of(CamelContext camel) {
        Map<String, Recipe> all = new TreeMap<>();
        for (RouteTemplateDefinition t : ((ModelCamelContext) camel).getRouteTemplateDefinitions()) {
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
                    params.put(p.getName(), new Recipe.Parameter(p.getName(), p.getDescription(), required,
                            p.getDefaultValue(), TextFormat.declaredIn(p.getDescription()),
                            Recipe.Parameter.declaredType(p.getDescription())));
                }
            }
            all.put(t.getId(), new Recipe(t.getId(), t.getDescription(), params, requires));
        }
        return new Recipes(all);
    }

    public Optional<Recipe> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Map<String, Recipe> all() {
        return byId;
    }
}
