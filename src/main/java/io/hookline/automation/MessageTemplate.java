package io.hookline.automation;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of an automation's {@code with}: Mustache text over the event ({@code {{data.reason}}},
 * {@code {{event.id}}}) and the environment ({@code {{env.SLACK_WEBHOOK_URL}}}). Event values are
 * escaped for the parameter's {@link TextFormat}; environment values are inserted as they are,
 * resolved once at start-up, and treated as secrets (never printed).
 */
public final class MessageTemplate {

    private static final Pattern ENV = Pattern.compile("\\{\\{\\s*env\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern ENV_ANY = Pattern.compile("\\{\\{[{&]?\\s*env\\.");

    private final String source;
    private final Template template;
    private final Map<String, String> env;

    private MessageTemplate(String source, Template template, Map<String, String> env) {
        this.source = source;
        this.template = template;
        this.env = env;
    }

    /**
     * Compiles a template; {@code environment} answers {@code env.NAME} (null when unset).
     *
     * @throws IllegalArgumentException with a reader's message when the text is not a valid template
     *                                  or names an unset environment value
     */
    public static MessageTemplate compile(String text, TextFormat format, Function<String, String> environment) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        Matcher m = ENV.matcher(text);
        StringBuilder rewritten = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = environment.apply(name);
            if (value == null) {
                throw new IllegalArgumentException("{{env." + name + "}}: no environment variable or property " + name + " is set");
            }
            env.put(name, value);
            // Unescaped: a webhook URL or token is used as it is.
            m.appendReplacement(rewritten, Matcher.quoteReplacement("{{{env." + name + "}}}"));
        }
        m.appendTail(rewritten);
        String body = rewritten.toString();
        if (ENV_ANY.matcher(body.replace("{{{env.", "")).find()) {
            throw new IllegalArgumentException("environment values are written {{env.NAME}} (letters, digits and _)");
        }
        try {
            Template t = Mustache.compiler()
                    .withEscaper(format::escape)
                    .defaultValue("")
                    .compile(body);
            return new MessageTemplate(text, t, Map.copyOf(env));
        } catch (MustacheException e) {
            throw new IllegalArgumentException("not a valid template: " + e.getMessage());
        }
    }

    /** Renders over an event context (see {@link io.hookline.event.EventView}). */
    public String render(Map<String, Object> context) {
        Map<String, Object> scope = new java.util.HashMap<>(context);
        scope.put("env", env);
        return template.execute(scope);
    }

    /** Values taken from the environment: masked wherever an action is printed. */
    public Set<String> secrets() {
        return new LinkedHashSet<>(env.values());
    }

    /** Whether the text depends on the event (and not only on the environment). */
    public boolean isConstant() {
        return !source.replaceAll(ENV.pattern(), "").contains("{{");
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
