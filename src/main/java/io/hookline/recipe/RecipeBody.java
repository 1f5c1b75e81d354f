package io.hookline.recipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Builds request bodies in YAML recipes from the rendered parameters, leaving out the empty
 * ones (so an optional field a user did not set never blanks a value at the partner):
 * <pre>
 * method:
 *   ref: recipeBody
 *   method: "json(*, 'email=email, firstname=firstName')"   # {"email": "...", "firstname": "..."}
 * </pre>
 * Each entry is {@code field=variable}. {@code form} does the same form-encoded
 * ({@code metadata[id]=reference&customer_email=email}).
 */
@Component("recipeBody")
public class RecipeBody {

    private final ObjectMapper mapper;

    public RecipeBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String json(Exchange exchange, String fields) throws Exception {
        ObjectNode out = mapper.createObjectNode();
        for (String[] f : entries(fields)) {
            String value = exchange.getVariable(f[1], String.class);
            if (value != null && !value.isBlank()) out.put(f[0], value);
        }
        return mapper.writeValueAsString(out);
    }

    /** Form fields; answers "" when all are empty, else the fields preceded by '&' (to append to a body). */
    public String form(Exchange exchange, String fields) {
        StringJoiner out = new StringJoiner("");
        for (String[] f : entries(fields)) {
            String value = exchange.getVariable(f[1], String.class);
            if (value != null && !value.isBlank()) {
                out.add("&" + f[0] + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    /** The rendered {@code mapping} variable, which must be one JSON value (http-forward's custom body). */
    public String custom(Exchange exchange) {
        String mapping = exchange.getVariable("mapping", String.class);
        try {
            return mapper.writeValueAsString(mapper.readTree(mapping == null ? "" : mapping));
        } catch (Exception e) {
            throw RecipeFailure.permanent("the mapping does not render to JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The event as a CloudEvent 1.0 JSON document (structured mode), with the sender's payload as data. */
    @SuppressWarnings("unchecked")
    public String cloudEvent(Exchange exchange) throws Exception {
        java.util.Map<String, Object> event = exchange.getVariable("event", java.util.Map.class);
        ObjectNode out = mapper.createObjectNode();
        out.put("specversion", "1.0");
        out.put("id", String.valueOf(event.get("id")));
        out.put("source", "/webhooks/" + event.get("source"));
        out.put("type", String.valueOf(event.get("type")));
        out.put("time", String.valueOf(event.get("time")));
        out.put("datacontenttype", "application/json");
        out.put("deliveryid", String.valueOf(event.get("deliveryId")));
        out.set("data", mapper.readTree(exchange.getVariable("payloadJson", String.class)));
        return mapper.writeValueAsString(out);
    }

    private static java.util.List<String[]> entries(String fields) {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        for (String entry : fields.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not field=variable");
            }
            out.add(new String[] {kv[0].trim(), kv[1].trim()});
        }
        return out;
    }
}
