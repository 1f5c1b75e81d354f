package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.automation.ActionRunner;
import io.hookline.automation.DryRun;
import io.hookline.automation.Recipe;
import io.hookline.automation.TextFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The conventions every shipped recipe (recipes/*.kamelet.yaml) and example
 * (recipes/examples/*.kamelet.yaml) keeps, as recipes/README.md describes them: a Kamelet of type
 * action, from {@code kamelet:source}; each parameter declared is used and each one used is
 * declared; the runner contract (what the runner sets is read, never set; the recipe says what it
 * did in {@code result}); and only transports a dry run intercepts ({@link DryRun#INTERCEPTED}) or
 * that never leave Hookline ({@link DryRun#IN_PROCESS}). Routes a recipe calls with
 * {@code direct:} (recipes/shared.camel.yaml) count as part of it; so do the Java beans it calls.
 */
class RecipeConventionsTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{variable\\.(\\w+)(?:\\[(\\w+)])?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([\\w.]+)(?::[^}]*)?}}");
    private static final Pattern MAPPING_FIELD = Pattern.compile("[\\w\\[\\]]+=(\\w+)");
    private static final Pattern BEAN_READS = Pattern.compile("getVariable\\(\\s*\"(\\w+)\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(\\w+)\"");
    private static final Set<String> MAY_SET = Set.of(ActionRunner.RESULT, ActionRunner.PARTNER_ID);

    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));

    @Test
    void everyShippedAndExampleRecipeKeepsTheConventions() throws IOException {
        List<Path> kamelets = kamelets();
        assertThat(kamelets).extracting(p -> p.getFileName().toString()).contains("slack-alert.kamelet.yaml",
                "email-series.kamelet.yaml", "discord-alert.kamelet.yaml", "csv-ledger.kamelet.yaml");
        Map<String, Object> shared = sharedRoutes();
        List<String> problems = new ArrayList<>();
        for (Path file : kamelets) problems.addAll(check(file, shared));
        assertThat(problems).as("recipe conventions (recipes/README.md)").isEmpty();
    }

    @Test
    void recipesAreKameletsNotRouteTemplates() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("recipes")), Files.list(Path.of("recipes/examples")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertThat(Files.readString(f)).as(f + ": a recipe is a *.kamelet.yaml").doesNotContain("routeTemplate:");
            }
        }
    }

    @Test
    void theRunnerContractVariablesAreTheOnesTheRecipesReadmeDocuments() throws IOException {
        String readme = Files.readString(Path.of("recipes/README.md"));
        for (String v : ActionRunner.RUNNER_VARIABLES) {
            if (v.startsWith("hookline")) continue; // internal to the dry run
            assertThat(readme).as("recipes/README.md documents variable " + v).contains("`" + v);
        }
        assertThat(readme).contains("`" + ActionRunner.RESULT + "`", "`" + ActionRunner.PARTNER_ID + "`");
        for (String pattern : DryRun.INTERCEPTED) {
            assertThat(readme).as("recipes/README.md lists what a dry run intercepts").contains("`" + pattern + "`");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Path> kamelets() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String dir : List.of("recipes", "recipes/examples")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir), "*.kamelet.yaml")) {
                files.forEach(all::add);
            }
        }
        return all.stream().sorted().toList();
    }

    /** The routes of recipes/shared.camel.yaml by their direct: endpoint. */
    private static Map<String, Object> sharedRoutes() throws IOException {
        Map<String, Object> byEndpoint = new HashMap<>();
        for (Object element : list(YAML.load(Files.readString(Path.of("recipes/shared.camel.yaml"))))) {
            Map<String, Object> route = map(map(element).get("route"));
            assertThat(route).as("recipes/shared.camel.yaml holds routes only").isNotEmpty();
            assertThat(route.get("routeConfigurationId")).as("shared route " + route.get("id")).isEqualTo("hookline-recipe");
            Map<String, Object> from = map(route.get("from"));
            byEndpoint.put(String.valueOf(from.get("uri")), from.get("steps"));
        }
        return byEndpoint;
    }

    private static List<String> check(Path file, Map<String, Object> shared) throws IOException {
        String name = file.getFileName().toString().replace(".kamelet.yaml", "");
        List<String> problems = new ArrayList<>();
        Map<String, Object> kamelet = map(YAML.load(Files.readString(file)));
        String where = file + ": ";
        expect(problems, "camel.apache.org/v1".equals(kamelet.get("apiVersion")), where + "apiVersion camel.apache.org/v1");
        expect(problems, "Kamelet".equals(kamelet.get("kind")), where + "kind Kamelet");
        Map<String, Object> metadata = map(kamelet.get("metadata"));
        expect(problems, name.equals(metadata.get("name")), where + "metadata.name is the file's name, " + name);
        expect(problems, "action".equals(map(metadata.get("labels")).get("camel.apache.org/kamelet.type")),
                where + "label camel.apache.org/kamelet.type: action");

        Map<String, Object> definition = map(map(kamelet.get("spec")).get("definition"));
        expect(problems, text(definition.get("title")), where + "spec.definition.title");
        expect(problems, text(definition.get("description")), where + "spec.definition.description");
        Map<String, Object> properties = map(definition.get("properties"));
        Set<String> required = new HashSet<>();
        list(definition.get("required")).forEach(r -> required.add(String.valueOf(r)));
        for (String r : required) expect(problems, properties.containsKey(r), where + "required '" + r + "' is a property");
        properties.forEach((param, value) -> {
            Map<String, Object> p = map(value);
            String at = where + "parameter '" + param + "': ";
            expect(problems, text(p.get("title")), at + "title");
            expect(problems, text(p.get("description")), at + "description");
            expect(problems, "string".equals(p.get("type")), at + "type: string (values are templates)");
            expect(problems, required.contains(param) != p.containsKey("default"), at + "required exactly when it has no default");
            String description = String.valueOf(p.get("description"));
            expect(problems, !description.matches("(?s).*\\[(format|type):.*"),
                    at + "format and type as x-hookline-format / x-hookline-type, not in the description");
            expect(problems, !description.contains("a secret") || "password".equals(p.get("format")),
                    at + "a secret has format: password");
            if (p.get("x-hookline-format") != null) {
                expect(problems, Stream.of(TextFormat.values()).anyMatch(f -> f.name().toLowerCase(Locale.ROOT)
                        .equals(p.get("x-hookline-format"))), at + "x-hookline-format is one of " + List.of(TextFormat.values()));
            }
            if (p.get("x-hookline-type") != null) {
                expect(problems, Recipe.Parameter.TYPES.contains(String.valueOf(p.get("x-hookline-type"))),
                        at + "x-hookline-type is one of " + Recipe.Parameter.TYPES);
            }
            expect(problems, !ActionRunner.RUNNER_VARIABLES.contains(param) && !MAY_SET.contains(param),
                    at + "not a name the runner contract uses");
        });

        Map<String, Object> template = map(map(kamelet.get("spec")).get("template"));
        expect(problems, template.keySet().equals(Set.of("from")),
                where + "spec.template is a from: (Hookline gives the route its configuration)");
        Map<String, Object> from = map(template.get("from"));
        expect(problems, "kamelet:source".equals(from.get("uri")), where + "spec.template starts from kamelet:source");

        Usage usage = new Usage();
        Map<String, Object> rule = map(definition.get("x-hookline-requires"));
        if (!rule.isEmpty()) {
            expect(problems, text(rule.get("expression")) && text(rule.get("message")),
                    where + "x-hookline-requires has expression and message");
            usage.strings(String.valueOf(rule.get("expression")), true);
        }
        usage.walk(from.get("steps"), shared, problems, where);

        Set<String> declared = properties.keySet();
        for (String used : usage.read) {
            expect(problems, declared.contains(used) || ActionRunner.RUNNER_VARIABLES.contains(used) || usage.set.contains(used),
                    where + "uses variable '" + used + "', which is neither a parameter, nor set by the runner, nor by the recipe");
        }
        for (String param : declared) {
            expect(problems, usage.read.contains(param) || usage.beanLiterals.contains(param),
                    where + "declares parameter '" + param + "' but never uses it");
        }
        for (String set : usage.set) {
            expect(problems, !declared.contains(set) && !ActionRunner.RUNNER_VARIABLES.contains(set),
                    where + "sets variable '" + set + "', which the runner gives: read it, never set it");
        }
        for (String placeholder : usage.placeholders) {
            expect(problems, !declared.contains(placeholder), where + "uses {{" + placeholder
                    + "}}: parameters are per-event variables (${variable." + placeholder + "}), never property placeholders");
        }
        expect(problems, usage.set.contains(ActionRunner.RESULT) || usage.beansSet.contains(ActionRunner.RESULT),
                where + "sets variable result (what the history says was done)");
        for (String uri : usage.dynamicUris) {
            Matcher m = Pattern.compile("^\\$\\{variable\\.(\\w+)}").matcher(uri);
            boolean url = m.find() && "url".equals(map(properties.get(m.group(1))).get("x-hookline-type"));
            expect(problems, url, where + "sends to '" + uri + "': a dynamic endpoint starts with a fixed scheme, or with a "
                    + "parameter of x-hookline-type url (an http(s) URL, which a dry run intercepts)");
        }
        return problems;
    }

    /** What the steps read, set and send to, including shared routes and Java beans they call. */
    private static final class Usage {
        final Set<String> read = new TreeSet<>();
        final Set<String> set = new TreeSet<>();
        final Set<String> placeholders = new TreeSet<>();
        final Set<String> beanLiterals = new HashSet<>();
        final Set<String> beansSet = new HashSet<>();
        final List<String> dynamicUris = new ArrayList<>();
        private final Set<Object> visited = new LinkedHashSet<>();

        void walk(Object node, Map<String, Object> shared, List<String> problems, String where) throws IOException {
            if (node instanceof List<?> l) {
                for (Object o : l) walk(o, shared, problems, where);
            } else if (node instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    Object value = e.getValue();
                    switch (key) {
                        case "to", "toD" -> endpoint(value instanceof Map<?, ?> v ? String.valueOf(v.get("uri")) : String.valueOf(value),
                                key.equals("toD"), shared, problems, where);
                        case "wireTap", "enrich", "pollEnrich", "recipientList", "routingSlip", "dynamicRouter", "multicast" ->
                                problems.add(where + "uses " + key + ": send with to or toD, which the conventions check");
                        case "setVariable" -> set.add(String.valueOf(map(value).get("name")));
                        case "process" -> bean(String.valueOf(map(value).get("ref")), true);
                        case "method" -> {
                            if (value instanceof Map<?, ?> call && call.get("ref") != null) {
                                bean(String.valueOf(call.get("ref")), false);
                                Matcher f = MAPPING_FIELD.matcher(String.valueOf(call.get("method")));
                                while (f.find()) read.add(f.group(1));
                            }
                        }
                        default -> { }
                    }
                    if (value instanceof String s) strings(s, false);
                    else walk(value, shared, problems, where);
                }
            } else if (node instanceof String s) {
                strings(s, false);
            }
        }

        void strings(String s, boolean ruleOnly) {
            Matcher v = VARIABLE.matcher(s);
            while (v.find()) {
                read.add(v.group(1));
                if (v.group(2) != null && (v.group(1).equals("json") || v.group(1).equals("form"))) read.add(v.group(2));
            }
            if (ruleOnly) return;
            Matcher p = PLACEHOLDER.matcher(s);
            while (p.find()) placeholders.add(p.group(1));
        }

        private void endpoint(String uri, boolean dynamic, Map<String, Object> shared, List<String> problems, String where)
                throws IOException {
            strings(uri, false);
            if (uri.startsWith("${")) {
                if (dynamic) dynamicUris.add(uri);
                else problems.add(where + "to: '" + uri + "' is not an endpoint URI");
                return;
            }
            String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
            boolean intercepted = DryRun.INTERCEPTED.stream().anyMatch(p -> p.endsWith("*")
                    ? scheme.startsWith(p.substring(0, p.length() - 1)) : scheme.equals(p));
            if (!intercepted && !DryRun.IN_PROCESS.contains(scheme)) {
                problems.add(where + "sends to '" + uri + "': component '" + scheme + "' is neither intercepted by a dry run "
                        + DryRun.INTERCEPTED + " nor in-process " + DryRun.IN_PROCESS);
            }
            if (scheme.equals("direct")) {
                if (!shared.containsKey(uri)) {
                    problems.add(where + "calls " + uri + ", which is not a route of recipes/shared.camel.yaml");
                } else if (visited.add(uri)) {
                    walk(shared.get(uri), shared, problems, where + uri + ": ");
                }
            }
        }

        /** A Spring bean of src/main/java: what it reads (getVariable) and sets, and its literals. */
        private void bean(String name, boolean processor) throws IOException {
            if (!visited.add("bean:" + name)) return;
            String source = beanSource(name);
            Matcher r = BEAN_READS.matcher(source);
            while (r.find()) beanLiterals.add(r.group(1));
            Matcher l = STRING_LITERAL.matcher(source);
            while (l.find()) beanLiterals.add(l.group(1));
            if (processor && source.contains("setVariable(\"" + ActionRunner.RESULT + "\"")) beansSet.add(ActionRunner.RESULT);
        }
    }

    private static String beanSource(String name) throws IOException {
        String declared = "@Component(\"" + name + "\")";
        String className = Character.toUpperCase(name.charAt(0)) + name.substring(1) + ".java";
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                if (text.contains(declared) || f.getFileName().toString().equals(className) && text.contains("@Component")) {
                    return text;
                }
            }
        }
        throw new AssertionError("no Spring bean '" + name + "' in src/main/java");
    }

    private static void expect(List<String> problems, boolean ok, String what) {
        if (!ok) problems.add(what);
    }

    private static boolean text(Object o) {
        return o instanceof String s && !s.isBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
