package io.hookline.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.event.Event;
import io.hookline.event.EventView;
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
        List<String> kamelets = new java.util.ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("recipes"), "*.{camel,kamelet}.yaml")) {
            for (Path f : files) {
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(f.toString(), Files.readString(f)));
                if (f.toString().endsWith(".kamelet.yaml")) kamelets.add(Files.readString(f));
            }
        }
        recipes = Recipes.of(camel, kamelets);
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

        Map<String, Object> view = EventView.of(
                new Event("e1", "impact", "impact", "program_application.rejected", "d1", null),
                Map.of("data", Map.of("offeringApplicationId", "app_1", "rejectionSource", "sponsor",
                        "reason", "<!channel> & more")));
        DefaultExchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(view);
        assertThat(a.when().matches(exchange)).isTrue();
        exchange.getIn().setBody(EventView.of(new Event("e1", "impact", "impact", "t", "d1", null),
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
        Map<String, Object> view = EventView.of(new Event("e", "impact", "impact", "x", "d", null),
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
        // Like an unknown recipe, an unknown event lists what there is.
        assertThat(message).contains("in 'impact/program_application.rejectd'; its events: applicant.joined_waitlist, "
                + "program_application.rejected, program_application.sponsor_approved");
    }

    // --- YAML mistakes, said in plain words with the line and a caret ------------------------------

    @Test
    void aTabIsShownWhereItIs() {
        String message = problems("automations:\n  - name: a\n\ton: impact/program_application.rejected\n    recipe: log\n");
        assertThat(message).contains("automations.yaml: not valid YAML at line 3, column 1: a tab character: YAML indents "
                + "with spaces only; replace the tab with spaces")
                .contains("      3 | →on: impact/program_application.rejected\n        | ^");
    }

    @Test
    void aLineIndentedMoreThanTheKeyAboveIsSaid() {
        String message = problems("""
                automations:
                  - name: a
                     on: impact/program_application.rejected
                    recipe: log
                """);
        assertThat(message).contains("not valid YAML at line 3, column 8: a ':' where a value was expected: either this "
                + "line is indented more than the key above it, or a value contains ': ' and must be quoted")
                .contains("      3 |      on: impact/program_application.rejected\n        |        ^")
                .doesNotContain("mapping values are not allowed");
    }

    @Test
    void aLineIndentedLessThanItsNeighboursIsSaid() {
        String message = problems("""
                automations:
                  - name: a
                    on: impact/program_application.rejected
                   recipe: log
                """);
        assertThat(message).contains("not valid YAML at line 4, column 4: this line is indented differently from the "
                + "lines above it")
                .contains("      4 |    recipe: log\n        |    ^")
                .doesNotContain("<block end>");
    }

    @Test
    void aMissingColonOrSpaceIsSaid() {
        String message = problems("""
                automations:
                  - name: a
                    on:impact/program_application.rejected
                    recipe: log
                """);
        assertThat(message).contains("not valid YAML at line 3, column 5: a key without ':' — write key: value, with a space "
                + "after the colon")
                .contains("      3 |     on:impact/program_application.rejected\n        |     ^")
                .doesNotContain("simple key");
    }

    @Test
    void anUnclosedQuoteIsShownWhereItOpens() {
        String message = problems("""
                automations:
                  - name: a
                    on: impact/program_application.rejected
                    recipe: log
                    with:
                      message: "Rejected {{data.reason}}
                """);
        assertThat(message).contains("not valid YAML at line 6, column 16: this quote is never closed")
                .contains("      6 |       message: \"Rejected {{data.reason}}\n        |                ^");
    }

    @Test
    void anUnquotedValueWithAColonIsSaid() {
        String message = problems("""
                automations:
                  - name: a
                    on: impact/program_application.rejected
                    recipe: log
                    with:
                      message: Rejected: {{data.reason}}
                """);
        assertThat(message).contains("not valid YAML at line 6, column 24: a ':' where a value was expected")
                .contains("must be quoted");
    }

    // --- series and recipe rules -----------------------------------------------------------------

    @Test
    void aMissingValueInASeriesNamesTheStep() {
        String message = problems("""
                automations:
                  - name: nudges
                    on: impact/program_application.rejected
                    recipe: email-series
                    with:
                      to: "{{data.applicantEmail}}"
                      text: "{{#data}}"
                    steps:
                      - after: 0s
                        with:
                          subject: "First"
                      - after: 1d
                        with:
                          text: "Second"
                """);
        assertThat(message)
                .contains("automation 'nudges': key 'steps[1].with.subject' is required by recipe 'email-series' "
                        + "(give it in steps[1].with or in with)")
                .doesNotContain("steps[0].with.subject")
                // A mistake in a value the steps share is said once, under with.
                .contains("automation 'nudges': key 'with.text': not a valid template");
        assertThat(message.split("key 'with.text'", -1)).hasSize(2);
    }

    @Test
    void aRecipesRuleOverItsParametersIsCheckedAtStartUp() {
        String message = problems("""
                automations:
                  - name: token-without-channel
                    on: impact/program_application.rejected
                    recipe: slack-alert
                    with:
                      token: "{{env.SLACK_URL}}"
                      text: "x"
                  - name: neither
                    on: impact/program_application.rejected
                    recipe: slack-alert
                    with:
                      text: "x"
                """);
        assertThat(message)
                .contains("automation 'token-without-channel': key 'with': recipe 'slack-alert' needs webhookUrl, or token and channel")
                .contains("automation 'neither': key 'with': recipe 'slack-alert' needs webhookUrl, or token and channel")
                .doesNotContain("hooks.slack.com");
        assertThat(read("""
                automations:
                  - name: by-webhook
                    on: impact/program_application.rejected
                    recipe: slack-alert
                    with:
                      webhookUrl: "{{env.SLACK_URL}}"
                      text: "x"
                  - name: by-token
                    on: impact/program_application.rejected
                    recipe: slack-alert
                    with:
                      token: "{{env.SLACK_URL}}"
                      channel: "#alerts"
                      text: "x"
                  - name: channel-from-the-event
                    on: impact/program_application.rejected
                    recipe: slack-alert
                    with:
                      token: "{{env.SLACK_URL}}"
                      channel: "{{data.channel}}"
                      text: "x"
                """)).hasSize(3);
        // The rule is the recipe's, not a parameter an automation could give.
        assertThat(recipes.find("slack-alert").orElseThrow().parameters()).doesNotContainKey("requires");
        assertThat(recipes.find("slack-alert").orElseThrow().requires().message()).isEqualTo("needs webhookUrl, or token and channel");
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
        assertThat(problems("automations: [")).contains("automations.yaml: not valid YAML at line 1");
        assertThat(problems("rules: []")).contains("expected a top-level key 'automations' holding a list");
    }

    /** The demo file's commented automations are what its header promises, and valid once uncommented. */
    @Test
    void theDemosCommentedAutomationsAreValidOnceUncommented() throws Exception {
        String demo = Files.readString(Path.of("src/main/resources/hookline/demo/automations.yaml"));
        // Commented YAML ("  # - name", "  #   key", "  #"); the prose comments stay comments.
        String uncommented = demo.lines().map(l -> l.startsWith("  # - ") || l.startsWith("  #   ") || l.equals("  #")
                ? "  " + l.substring(Math.min(4, l.length())) : l).collect(java.util.stream.Collectors.joining("\n"));
        AutomationsReader.Events anyImpactEvent = new AutomationsReader.Events() {
            @Override
            public boolean hasSource(String source) {
                return sources().contains(source);
            }

            @Override
            public Collection<String> types(String source) {
                return List.of();
            }

            @Override
            public Collection<String> sources() {
                return List.of("impact", "hookline");
            }
        };
        Map<String, String> env = Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x",
                "STRIPE_SECRET_KEY", "sk_test_123", "HUBSPOT_TOKEN", "pat-123");
        List<Automation> all = new AutomationsReader(recipes, anyImpactEvent, camel, env::get).read("demo.yaml", uncommented).result();
        assertThat(all).extracting(Automation::name).containsExactly("demo-log-impact", "demo-log-sponsor-rejections",
                "pending-sponsor-email", "sponsor-approved-checkout", "checkout-link-email", "rejected-to-slack",
                "waitlist-to-hubspot");
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
