package io.hookline.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A recipe is a Kamelet: Hookline reads its definition (titles, x-hookline-* keys, format:
 * password, x-hookline-requires) and makes one route per automation from its template, from
 * direct:automation.<name> with the route configuration hookline-recipe. A user's recipe in the
 * older routeTemplate format still works, and kamelet:<id> in a route is still Camel's Kamelet.
 */
class RecipesTest {

    private static final String KAMELET = """
            apiVersion: camel.apache.org/v1
            kind: Kamelet
            metadata:
              name: greet
              labels:
                camel.apache.org/kamelet.type: action
            spec:
              definition:
                title: "Greet"
                description: "Says hello."
                type: object
                required: [name]
                x-hookline-requires:
                  expression: "${variable.name} != ''"
                  message: "needs a name"
                properties:
                  name:
                    title: "Name"
                    description: "Who."
                    type: string
                    x-hookline-format: html
                  token:
                    title: "Token"
                    description: "A secret."
                    type: string
                    format: password
                    default: ""
                  callback:
                    title: "Callback"
                    description: "Where."
                    type: string
                    default: "https://example.org"
                    x-hookline-type: url
              template:
                from:
                  uri: kamelet:source
                  steps:
                    - setVariable:
                        name: result
                        simple: "hello ${variable.name} from ${routeId}"
                    - setBody:
                        simple: "${variable.result}"
            """;

    private static final String OLD_FORMAT = """
            - routeTemplate:
                id: old-greet
                description: Says hello, the older way.
                parameters:
                  - name: name
                    description: "Who. [format: line]"
                  - name: requires
                    defaultValue: "${variable.name} != ''"
                    description: "needs a name"
                route:
                  routeConfigurationId: hookline-recipe
                  from:
                    uri: "direct:automation.{{automation}}"
                    steps:
                      - setVariable:
                          name: result
                          simple: "old hello ${variable.name} from ${routeId}"
            """;

    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("dryRun", new DryRun());
        camel.addRoutes(new RecipeRouteConfiguration());
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file:greet.kamelet.yaml", KAMELET));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file:old.camel.yaml", OLD_FORMAT));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aKameletsDefinitionIsReadFromItsStructuredKeys() {
        Recipes recipes = Recipes.of(camel, List.of(KAMELET));
        Recipe greet = recipes.find("greet").orElseThrow();
        assertThat(greet.kamelet()).isTrue();
        assertThat(greet.description()).isEqualTo("Says hello.");
        assertThat(greet.parameters().keySet()).containsExactly("name", "token", "callback");
        Recipe.Parameter name = greet.parameters().get("name");
        assertThat(name.required()).isTrue();
        assertThat(name.format()).isEqualTo(TextFormat.HTML);
        assertThat(name.title()).isEqualTo("Name");
        assertThat(greet.parameters().get("token").secret()).isTrue();
        assertThat(greet.parameters().get("token").required()).isFalse();
        assertThat(greet.parameters().get("callback").type()).isEqualTo("url");
        assertThat(greet.parameters().get("callback").defaultValue()).isEqualTo("https://example.org");
        assertThat(greet.requires()).isEqualTo(new Recipe.Rule("${variable.name} != ''", "needs a name"));

        Recipe old = recipes.find("old-greet").orElseThrow();
        assertThat(old.kamelet()).isFalse();
        assertThat(old.parameters().keySet()).containsExactly("name");
        assertThat(old.parameters().get("name").format()).isEqualTo(TextFormat.LINE);
        assertThat(old.requires().message()).isEqualTo("needs a name");
    }

    @Test
    void eachAutomationGetsItsOwnRouteFromTheKameletAndTheOldFormatStillWorks() throws Exception {
        Recipes recipes = Recipes.of(camel, List.of(KAMELET));
        recipes.useForAutomations(camel);
        for (String[] a : List.of(new String[] {"greet", "hello-ann"}, new String[] {"greet", "hello-bob"},
                new String[] {"old-greet", "hello-old"})) {
            TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(camel, a[0]).routeId("automation." + a[1])
                    .parameter(Recipes.ENDPOINT_PARAMETER, a[1]);
            recipes.find(a[0]).orElseThrow().parameters().keySet().forEach(p -> route.parameter(p, "(per event)"));
            route.add();
        }
        assertThat(send("direct:automation.hello-ann", "Ann").getVariable("result")).isEqualTo("hello Ann from automation.hello-ann");
        assertThat(send("direct:automation.hello-bob", "Bob").getVariable("result")).isEqualTo("hello Bob from automation.hello-bob");
        assertThat(send("direct:automation.hello-old", "Old").getVariable("result")).isEqualTo("old hello Old from automation.hello-old");
        var model = (ModelCamelContext) camel;
        assertThat(model.getRouteDefinition("automation.hello-ann").getRouteConfigurationId()).isEqualTo(RecipeRouteConfiguration.ID);
        assertThat(model.getRouteTemplateDefinition("greet").getRoute().getInput().getEndpointUri())
                .as("the template is left as written").isEqualTo("kamelet:source");

        // A route of the user's may still call the recipe as a Kamelet: Camel's Kamelet component makes its route.
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:user").routeId("user").to("kamelet:greet?name=x");
            }
        });
        assertThat(send("direct:user", "Cy").getVariable("result")).asString().startsWith("hello Cy from greet-");
    }

    private Exchange send(String endpoint, String name) {
        Exchange sent = camel.createProducerTemplate().send(endpoint, e -> e.setVariable("name", name));
        if (sent.getException() != null) throw new AssertionError(sent.getException());
        return sent;
    }
}
