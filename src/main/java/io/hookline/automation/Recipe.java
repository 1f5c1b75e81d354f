package io.hookline.automation;

import java.util.Map;

/**
 * A recipe: a Camel route template from recipes/, as automations see it. {@code requires}: the
 * recipe's rule over its parameters, or null.
 */
public record Recipe(String id, String description, Map<String, Parameter> parameters, Rule requires) {

    /**
     * What a recipe needs beyond single required parameters, e.g. "webhookUrl, or token and
     * channel": declared in the recipe as its template parameter {@value Recipes#REQUIRES_PARAMETER},
     * whose {@code defaultValue} is a Simple predicate over the parameters ({@code ${variable.x}})
     * and whose {@code description} says what is needed. Checked at start-up for every automation
     * (and step), a value that depends on the event counting as given.
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

    /** One template parameter; required when it has no default. */
    public record Parameter(String name, String description, boolean required, String defaultValue, TextFormat format,
                            String type) {

        private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("\\[type:\\s*([a-z]+)\\s*]");

        /** The value type a description declares ({@code [type: integer]}, url, boolean, level), or null. */
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
