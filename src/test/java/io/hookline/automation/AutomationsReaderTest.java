package io.hookline.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An automation file is checked against the real recipes of recipes/ before anything runs: each
 * mistake names the file, the automation and the key, and all mistakes come at once.
 */
class AutomationsReaderTest {

    private static CamelContext camel;
    private static Recipes recipes;

    private static final AutomationsReader.Events EVENTS = new AutomationsReader.Events() {
        @Override
        public boolean hasSource(String source) {
            return sources().contains(source);
        }

        @Override
        public Collection<String> types(String source) {
            return source.equals("impact") ? List.of("program_application.rejected", "program_application.sponsor_approved",
                    "applicant.joined_waitlist") : List.of();
        }

        @Override
        public Collection<String> sources() {
            return List.of("impact", "hooks");
        }
    };

    @BeforeAll
    static void loadRecipes() throws Exception {
        camel = new DefaultCamelContext();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("recipes"), "*.camel.yaml")) {
            for (Path f : files) {
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(f.toString(), Files.readString(f)));
            }
        }
        recipes = Recipes.of(camel);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    private static final Map<String, String> ENV = Map.of("SLACK_URL", "https://hooks.slack.com/services/T/B/secret",
            "STRIPE_KEY", "sk_test_123");

    private static List<Automation> read(String yaml) {
        return new AutomationsReader(recipes, EVENTS, camel, ENV::get).read("automations.yaml", yaml).result();
    }

    private static String problems(String yaml) {
        return assertThatThrownBy(() -> read(yaml)).isInstanceOf(AutomationFileException.class)
                .actual().getMessage();
    }

    @Test
    void everyShippedRecipeIsFound() {
        assertThat(recipes.all().keySet()).contains("log", "slack-alert", "hubspot-lead", "email", "email-series",
                "stripe-checkout", "http-forward");
        assertThat(recipes.find("slack-alert").orElseThrow().parameters().get("text").format()).isEqualTo(TextFormat.SLACK);
        assertThat(recipes.find("slack-alert").orElseThrow().parameters().get("text").required()).isTrue();
    }

    @Test
    void aValidAutomationIsReadWithItsFilterTemplatesAndSecrets() {
        List<Automation> all = read("""
                automations:
                  - name: rejected-to-slack
                    on: [impact/program_application.rejected, impact/program_application.sponsor_*]
                    when: "${data.rejectionSource} == 'sponsor'"
                    recipe: slack-alert
                    with:
                      webhookUrl: "{{env.SLACK_URL}}"
                      text: "Application {{data.offeringApplicationId}} rejected: {{data.reason}}"
                """);
        assertThat(all).hasSize(1);
        Automation a = all.get(0);
        assertThat(a.listensTo("impact", "program_application.rejected")).isTrue();
        assertThat(a.listensTo("impact", "program_application.sponsor_approved")).isTrue();
        assertThat(a.listensTo("impact", "applicant.joined_waitlist")).isFalse();
        assertThat(a.secrets()).containsExactly("https://hooks.slack.com/services/T/B/secret");

        Map<String, Object> view = EventView.of("e1", "impact", "impact", "program_application.rejected", "d1", null,
                Map.of("data", Map.of("offeringApplicationId", "app_1", "rejectionSource", "sponsor",
                        "reason", "<!channel> & more")));
        DefaultExchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(view);
        assertThat(a.when().matches(exchange)).isTrue();
        exchange.getIn().setBody(EventView.of("e1", "impact", "impact", "t", "d1", null,
                Map.of("data", Map.of("rejectionSource", "champion"))));
        assertThat(a.when().matches(exchange)).isFalse();

        Map<String, MessageTemplate> with = a.steps().get(0).with();
        assertThat(with.get("text").render(view)).isEqualTo("Application app_1 rejected: &lt;!channel&gt; &amp; more");
        assertThat(with.get("webhookUrl").render(view)).isEqualTo("https://hooks.slack.com/services/T/B/secret");
        assertThat(with.get("apiUrl").render(view)).as("default").isEqualTo("https://slack.com/api");
    }

    @Test
    void aSeriesHasOneStepPerEntryWithItsDelayAndACancelKey() {
        Automation a = read("""
                automations:
                  - name: rejection-series
                    on: impact/program_application.rejected
                    recipe: email-series
                    with: {to: "{{data.applicantEmail}}"}
                    steps:
                      - with: {subject: "One", text: "1"}
                      - after: 2d
                        with: {subject: "Two {{data.offeringApplicationId}}", text: "2"}
                    cancel:
                      on: impact/program_application.sponsor_approved
                      match: "{{data.offeringApplicationId}}"
                """).get(0);
        assertThat(a.steps()).hasSize(2);
        assertThat(a.steps().get(1).after()).hasDays(2);
        assertThat(a.cancelledBy("impact", "program_application.sponsor_approved")).isTrue();
        Map<String, Object> view = EventView.of("e", "impact", "impact", "x", "d", null,
                Map.of("data", Map.of("offeringApplicationId", "app_9", "applicantEmail", "a@example.org")));
        assertThat(a.steps().get(1).with().get("subject").render(view)).isEqualTo("Two app_9");
        assertThat(a.steps().get(1).with().get("to").render(view)).isEqualTo("a@example.org");
        assertThat(a.cancel().match().render(view)).isEqualTo("app_9");
    }

    @Test
    void anUnknownRecipeIsNamedWithTheRecipesThereAre() {
        assertThat(problems("""
                automations:
                  - name: a
                    on: impact/program_application.rejected
                    recipe: slack-alertt
                """)).contains("automations.yaml: automation 'a': key 'recipe': unknown recipe 'slack-alertt'")
                .contains("slack-alert, ");
    }

    @Test
    void anUnknownEventOrSourceIsRefused() {
        String message = problems("""
                automations:
                  - name: typo
                    on: impact/program_application.rejectd
                    recipe: log
                  - name: nowhere
                    on: github/push
                    recipe: log
                """);
        assertThat(message).contains("automation 'typo': key 'on': unknown event 'program_application.rejectd' for source 'impact'")
                .contains("automation 'nowhere': key 'on': unknown source 'github'");
    }

    @Test
    void missingUnknownAndMistypedParametersAreNamed() {
        String message = problems("""
                automations:
                  - name: slack
                    on: impact/program_application.rejected
                    recipe: slack-alert
                    with:
                      chanel: "#x"
                  - name: stripe
                    on: impact/program_application.sponsor_approved
                    recipe: stripe-checkout
                    with:
                      secretKey: "{{env.STRIPE_KEY}}"
                      amount: "12.50"
                      successUrl: {url: "x"}
                      cancelUrl: "not a url"
                """);
        assertThat(message)
                .contains("automation 'slack': key 'with.text' is required by recipe 'slack-alert'")
                .contains("automation 'slack': key 'with.chanel': recipe 'slack-alert' has no parameter 'chanel'")
                .contains("automation 'stripe': key 'with.amount': '12.50' is not a whole number")
                .contains("automation 'stripe': key 'with.successUrl' must be text")
                .contains("automation 'stripe': key 'with.cancelUrl': the value is not an http(s) URL")
                .doesNotContain("sk_test_123");
    }

    @Test
    void badTemplatesFiltersDelaysAndUnsetEnvironmentValuesAreNamed() {
        String message = problems("""
                automations:
                  - name: broken
                    on: impact/program_application.rejected
                    when: "${data.reason} =="
                    recipe: email
                    with:
                      to: "{{#data}}"
                      subject: "{{env.NOT_SET}}"
                      text: "x"
                    steps:
                      - after: soon
                """);
        assertThat(message)
                .contains("automation 'broken': key 'when': not a valid filter")
                .contains("automation 'broken': key 'with.to': not a valid template")
                .contains("automation 'broken': key 'with.subject': {{env.NOT_SET}}: no environment variable or property NOT_SET is set")
                .contains("automation 'broken': key 'steps[0].after': 'soon' is not a duration");
    }

    @Test
    void namesMustBeUniqueAndKeysKnown() {
        String message = problems("""
                automations:
                  - name: same
                    on: impact/program_application.rejected
                    recipe: log
                  - name: same
                    on: impact/program_application.rejected
                    recipe: log
                    retries: 3
                  - on: impact/program_application.rejected
                    recipe: log
                """);
        assertThat(message).contains("automation 'same': key 'name': another automation is already called 'same'")
                .contains("automation 'same': unknown key 'retries'")
                .contains("automation '#3': key 'name' is required");
    }

    @Test
    void notYamlOrNotAListIsSaidPlainly() {
        assertThat(problems("automations: [")).contains("automations.yaml: not valid YAML");
        assertThat(problems("rules: []")).contains("expected a top-level key 'automations' holding a list");
    }

    @Test
    void aSourceWithoutCatalogueAcceptsAnyEventType() {
        assertThat(read("""
                automations:
                  - name: any
                    on: hooks/whatever.happened
                    recipe: log
                """)).hasSize(1);
    }
}
