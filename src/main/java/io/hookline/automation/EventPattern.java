package io.hookline.automation;

import java.util.regex.Pattern;

/**
 * Which events an automation listens to: {@code source/type}, where {@code *} in either part
 * matches anything (e.g. {@code impact/program_application.*}, {@code *&#47;payment.received}).
 */
public record EventPattern(String text, String source, String type) {

    public static EventPattern parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not <source>/<event type>, e.g. impact/program_application.rejected");
        }
        return new EventPattern(text, text.substring(0, slash).trim(), text.substring(slash + 1).trim());
    }

    public boolean matches(String eventSource, String eventType) {
        return glob(source, eventSource) && glob(type, eventType);
    }

    public boolean matchesSource(String eventSource) {
        return glob(source, eventSource);
    }

    public boolean matchesType(String eventType) {
        return glob(type, eventType);
    }

    private static boolean glob(String pattern, String value) {
        if (pattern.equals("*")) return true;
        if (!pattern.contains("*")) return pattern.equals(value);
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) regex.append(".*");
            regex.append(Pattern.quote(part));
        }
        return value.matches(regex.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
