package io.hookline.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request a fake partner API received, as it came over the socket, with the answer it got.
 *
 * @param path    the decoded path, e.g. {@code /hubspot/crm/v3/objects/contacts/sam@example.com}
 * @param rawPath the path as sent, e.g. {@code .../contacts/sam%40example.com}
 * @param query   the raw query string, or null
 * @param headers the request headers (names case-insensitive, every value)
 */
public record RecordedRequest(Instant at, String method, String path, String rawPath, String query,
                              Map<String, List<String>> headers, byte[] body, int status, String answer) {

    public RecordedRequest {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = h;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, UTF_8);
    }

    /** The body as form fields (application/x-www-form-urlencoded), in order; a repeated key keeps its last value. */
    public Map<String, String> form() {
        return form(bodyText());
    }

    /** The query string as parameters. */
    public Map<String, String> queryParameters() {
        return query == null ? Map.of() : form(query);
    }

    static Map<String, String> form(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return out;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            out.put(key, value);
        }
        return out;
    }

    @Override
    public String toString() {
        return method + " " + rawPath + (query == null ? "" : "?" + query) + " -> " + status + " " + answer
                + "\n" + bodyText();
    }
}
