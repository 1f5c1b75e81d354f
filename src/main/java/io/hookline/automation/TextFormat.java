package io.hookline.automation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How event values are escaped where a template inserts them, so that data from a sender
 * cannot change the shape of what an action sends. A recipe declares the format of a
 * parameter in its Kamelet definition, e.g. {@code x-hookline-format: html} (in the older
 * routeTemplate format: {@code [format: html]} in its description); the text the automation
 * author wrote around the placeholders is left as written.
 */
public enum TextFormat {
    /** Inserted as is (JSON bodies are built from variables, never by string concatenation). */
    TEXT,
    /** One line: CR and LF become spaces (email subjects and addresses: no header injection). */
    LINE,
    /** HTML-escaped. */
    HTML,
    /** Slack mrkdwn: &amp;, &lt; and &gt; escaped, so {@code <!channel>}, mentions and links in data stay text. */
    SLACK,
    /** Percent-encoded as one URL path segment or query value. */
    URL,
    /** Inside a JSON string literal: JSON-escaped. */
    JSON,
    /** Inside a JSON string literal of Slack blocks: Slack-escaped, then JSON-escaped. */
    SLACKJSON;

    private static final java.util.regex.Pattern MARKER = java.util.regex.Pattern.compile("\\[format:\\s*([a-z]+)\\s*]");

    /** A format by its name in a Kamelet ({@code slack}, {@code url}, ...); {@link #TEXT} for null. */
    public static TextFormat named(String name) {
        if (name == null) return TEXT;
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown x-hookline-format '" + name + "' (known: "
                    + java.util.Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
    }

    /** The older routeTemplate format: the format a parameter's description declares; {@link #TEXT} if none. */
    public static TextFormat declaredIn(String description) {
        if (description == null) return TEXT;
        var m = MARKER.matcher(description);
        if (!m.find()) return TEXT;
        return valueOf(m.group(1).toUpperCase(Locale.ROOT));
    }

    private static String jsonEscape(String value) {
        return new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value));
    }

    public String escape(String value) {
        return switch (this) {
            case TEXT -> value;
            case LINE -> value.replaceAll("[\\r\\n]+", " ");
            case HTML -> value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\"", "&quot;").replace("'", "&#39;");
            case SLACK -> value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            case JSON -> jsonEscape(value);
            case SLACKJSON -> jsonEscape(SLACK.escape(value));
        };
    }
}
