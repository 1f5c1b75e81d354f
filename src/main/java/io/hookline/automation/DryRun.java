package io.hookline.automation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stands in for a partner in a dry run (the hookline-recipe route configuration,
 * {@link RecipeRouteConfiguration}, intercepts every call to an endpoint of {@link #INTERCEPTED}
 * with it): prints the request it would have sent — secrets masked —
 * and answers with a neutral success, {@code {"ok":true,"id":"dry-run","url":"https://dry-run.invalid/"}},
 * so that the rest of the recipe runs.
 */
@Component("dryRun")
public class DryRun implements Processor {

    /**
     * The endpoints a dry run intercepts (Camel endpoint patterns): a recipe sends only to these,
     * or to {@link #IN_PROCESS} ones (RecipeConventionsTest checks every shipped recipe).
     */
    public static final java.util.List<String> INTERCEPTED = java.util.List.of("http*", "smtp*");
    /** Components that never leave Hookline: a recipe may use them, and a dry run lets them run. */
    public static final java.util.List<String> IN_PROCESS = java.util.List.of("direct", "log");

    static final String PRINTED = "hooklineDryRun";
    static final String SECRETS = "hooklineSecrets";
    private static final Logger log = LoggerFactory.getLogger("hookline.dry-run");
    private static final Set<String> HIDDEN_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Set<String> secrets = exchange.getVariable(SECRETS, Set.of(), Set.class);
        // Camel 4 sets the intercepted endpoint as an exchange property (no longer a header).
        String endpoint = exchange.getProperty(ExchangePropertyKey.INTERCEPTED_ENDPOINT, String.class);
        StringBuilder text = new StringBuilder();
        if (endpoint != null && endpoint.startsWith("smtp")) {
            text.append("SMTP to ").append(exchange.getIn().getHeader("To")).append(", subject \"")
                    .append(exchange.getIn().getHeader("Subject")).append("\"\n").append(exchange.getIn().getBody(String.class));
        } else {
            String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, "POST", String.class);
            // A recipe that sets CamelHttpUri sends there, whatever the endpoint says.
            String target = exchange.getIn().getHeader(Exchange.HTTP_URI, endpoint, String.class);
            text.append(method).append(' ').append(target);
            exchange.getIn().getHeaders().forEach((name, value) -> {
                if (name.startsWith("Camel") || name.startsWith("camel")) return;
                boolean hidden = HIDDEN_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT));
                text.append('\n').append(name).append(": ").append(hidden ? "****" : value);
            });
            Object body = exchange.getIn().getBody(String.class);
            if (body != null) text.append("\n\n").append(body);
        }
        String printed = mask(text.toString(), secrets);
        log.info("Automation {} (dry run) would send:\n{}", exchange.getVariable("automation"), printed);
        List<String> all = exchange.getVariable(PRINTED, new ArrayList<String>(), List.class);
        all = new ArrayList<>(all);
        all.add(printed);
        exchange.setVariable(PRINTED, all);
        exchange.getIn().setBody("{\"ok\":true,\"id\":\"dry-run\",\"url\":\"https://dry-run.invalid/\"}");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    /** Replaces every configured secret (as is, and URL-encoded) with ****. */
    public static String mask(String text, Set<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret == null || secret.length() < 4) continue;
            out = out.replace(secret, "****").replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "****");
        }
        return out;
    }
}
