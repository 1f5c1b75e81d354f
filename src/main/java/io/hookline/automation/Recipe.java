package io.hookline.automation;

import java.util.Map;

/**
 * A recipe as automations see it: a Kamelet from recipes/ ({@code *.kamelet.yaml}: its
 * {@code spec.definition}), or a user's Camel {@code routeTemplate} in the older format.
 * {@code requires}: the recipe's rule over its parameters, or null. {@code title} and
 * {@code documentation} (the comment the Kamelet file opens with) are for people; null when the
 * recipe has none.
 */
public record Recipe(String id, String description, Map<String, Parameter> parameters, Rule requires, boolean kamelet,
                     String title, String documentation) {

    /**
     * What a recipe needs beyond single required parameters, e.g. "webhookUrl, or token and
     * channel": in a Kamelet, {@code spec.definition.x-hookline-requires} with {@code expression}, a
     * Simple predicate over the parameters ({@code ${variable.x}}), and {@code message}, what is
     * needed. Checked at start-up for every automation (and step), a value that depends on the
     * event counting as given.
     */
    public record Rule(String expression, String message) {

        boolean holds(Map<String, String> values, org.apache.camel.CamelContext camel) {
            org.apache.camel.Predicate p = camel.resolveLanguage("simple").createPredicate(expression);
            p.init(camel);
            org.apache.camel.Exchange probe = new org.apache.camel.support.DefaultExchange(camel);
            values.forEach(probe::setVariable);
            return p.matches(probe);
        }
    }

    /**
     * One parameter; required when it has no default. {@code format}: how event values are escaped
     * in it ({@code x-hookline-format}); {@code type}: what a fixed value must be
     * ({@code x-hookline-type}: integer, boolean, url, level), or null; {@code secret}: JSON Schema
     * {@code format: password}.
     */
    public record Parameter(String name, String title, String description, boolean required, String defaultValue,
                            TextFormat format, String type, boolean secret) {

        /** The value types Hookline checks at start-up ({@code x-hookline-type}). */
        public static final java.util.Set<String> TYPES = java.util.Set.of("integer", "boolean", "url", "level");

        private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("\\[type:\\s*([a-z]+)\\s*]");

        /** The older routeTemplate format: the type a description declares ({@code [type: integer]}), or null. */
        static String declaredType(String description) {
            if (description == null) return null;
            var m = TYPE.matcher(description);
            return m.find() ? m.group(1) : null;
        }

        /** Why a value (already free of event placeholders) is not of the declared type; null when it is. */
        String typeProblem(String value) {
            if (type == null || value.isEmpty()) return null;
            return switch (type) {
                case "integer" -> value.matches("-?[0-9]+") ? null : "'" + value + "' is not a whole number";
                case "boolean" -> value.equals("true") || value.equals("false") ? null : "'" + value + "' is not true or false";
                case "url" -> value.matches("(?i)https?://[^\\s]+") ? null : "is not an http(s) URL";
                case "level" -> value.matches("ERROR|WARN|INFO|DEBUG|TRACE") ? null : "'" + value + "' is not ERROR, WARN, INFO, DEBUG or TRACE";
                default -> null;
            };
        }
    }
}
