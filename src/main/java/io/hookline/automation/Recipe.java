package io.hookline.automation;

import java.util.Map;

/** A recipe: a Camel route template from recipes/, as automations see it. */
public record Recipe(String id, String description, Map<String, Parameter> parameters) {

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
